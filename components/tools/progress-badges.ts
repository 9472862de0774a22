/** Home and chapter pages: progress bars per chapter and a status badge per question. */
import { onStorage, peekQuestions, renderProgress } from "./badges";

const update = () => renderProgress(peekQuestions());
update();
onStorage(update);
