/** URL parameter that carries a cell's edited code: `?cell.<cell id>=<lz-string>`. */
export const SHARE_PREFIX = "cell.";
