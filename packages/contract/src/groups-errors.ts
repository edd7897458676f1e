/**
 * Messages of the savings-group cycle's error codes in Kazakh, Russian and English: share-outs, the next
 * cycle and opening balances. 422 for a rule that refuses a well-formed request, 409 for a state that does not
 * allow it now; none is retryable.
 */
import type { CatalogueEntry } from "./errors";

export const groupCycleErrorCodes = [
  "share_out_cash_must_match_books",
  "share_out_loan_must_be_outstanding",
  "share_out_payout_must_cover_loans",
  "reinvestment_must_fit_payout",
  "share_out_must_be_for_savings_group",
  "cycle_must_be_current",
  "opening_balances_must_come_first",
  "loan_must_precede_cut_off",
  "share_out_must_not_be_reversed",
  "grading_rubric_must_be_sensible",
  "officer_term_must_follow_previous",
  "officer_term_must_be_open",
] as const;

export type GroupCycleErrorCode = (typeof groupCycleErrorCodes)[number];

const rule = (kk: string, ru: string, en: string): CatalogueEntry => ({
  status: 422,
  retryable: false,
  message: { kk, ru, en },
});
const state = (kk: string, ru: string, en: string): CatalogueEntry => ({
  status: 409,
  retryable: false,
  message: { kk, ru, en },
});

export const groupCycleErrorCatalogue = {
  share_out_cash_must_match_books: rule(
    "Бөлісудегі санаған қолма-қол ақша кітаптағы сомаға ({cashMinor} тиын) тең болуы керек. Айырмашылықты алдымен жиналыста тіркеңіз.",
    "Пересчитанная при разделе наличность должна совпадать с книгой ({cashMinor} тиын). Сначала отразите расхождение на собрании.",
    "The cash counted at the share-out must equal the books ({cashMinor} tiyn). Record the difference at a meeting first.",
  ),
  share_out_loan_must_be_outstanding: rule(
    "Бұл қарыз бойынша қалдық жоқ.",
    "По этому займу нет остатка.",
    "This loan has nothing outstanding.",
  ),
  share_out_payout_must_cover_loans: rule(
    "Мүшенің үлесі ({payoutMinor} тиын) оның қарызын жаппайды: қарызды есептен шығарыңыз немесе оны алдымен өтесін.",
    "Выплата участнице ({payoutMinor} тиын) не покрывает её заём: спишите заём или пусть она сначала его погасит.",
    "The member's payout ({payoutMinor} tiyn) does not cover her loan: write the loan off or let her repay it first.",
  ),
  reinvestment_must_fit_payout: rule(
    "Қайта салынатын үлестер мүшенің алатын сомасынан аспауы керек (ең көбі {maxShares} үлес).",
    "Реинвестируемые доли не могут превышать выплату участнице (не более {maxShares} долей).",
    "The shares re-invested cannot exceed the member's payout (at most {maxShares} shares).",
  ),
  share_out_must_be_for_savings_group: rule(
    "Бөлісу тек циклдік жинақ топтарында (VSLA) болады.",
    "Раздел бывает только у цикловых сберегательных групп (VSLA).",
    "Only a cyclical savings group (VSLA) has a share-out.",
  ),
  cycle_must_be_current: state(
    "Бұл цикл бөлісілген немесе ағымдағы емес (ағымдағы цикл: {currentCycle}).",
    "Этот цикл уже разделён или не является текущим (текущий цикл: {currentCycle}).",
    "This cycle has already been shared out or is not the current one (current cycle: {currentCycle}).",
  ),
  opening_balances_must_come_first: state(
    "Бастапқы қалдықтарды топтың алғашқы жиналысына дейін ғана енгізуге болады.",
    "Начальные остатки можно ввести только до первого собрания группы в системе.",
    "Opening balances can only be entered before the group's first meeting in Moldir.",
  ),
  loan_must_precede_cut_off: rule(
    "Қарыз берілген күн көшіру күнінен кейін болмауы керек.",
    "Дата выдачи займа не может быть позже даты переноса.",
    "A loan cannot have been given after the cut-off date.",
  ),
  share_out_must_not_be_reversed: state(
    "Бөлісуді кері қайтаруға болмайды: ол циклді жауып, мүшелерге ақша төледі.",
    "Раздел нельзя сторнировать: он закрыл цикл и выплатил участницам деньги.",
    "A share-out cannot be reversed: it closed the cycle and paid the members.",
  ),
  grading_rubric_must_be_sensible: rule(
    "Рейтинг ережесіндегі «{field}» мәні дұрыс емес: салмақтар 0–100 және қосындысы нөлден үлкен, кезең 1–24 ай, A шегі B шегінен кем емес.",
    "Значение «{field}» в правилах рейтинга неверно: веса 0–100 и в сумме больше нуля, период 1–24 месяца, граница A не ниже границы B.",
    "The value “{field}” of the grading rubric is not sensible: weights 0–100 adding to more than zero, a window of 1–24 months, A's bound not below B's.",
  ),
  officer_term_must_follow_previous: rule(
    "Мерзім {after} күнінен кейін басталуы (аяқталуы) керек: топ құрылған күннен және осы рөлдегі алдыңғы мерзімнен кейін.",
    "Срок должен начинаться (заканчиваться) после {after}: после создания группы и предыдущего срока в этой роли.",
    "The term must start (or end) after {after}: after the group was formed and after the role's previous term.",
  ),
  officer_term_must_be_open: state(
    "Бұл мерзім аяқталып қойған.",
    "Этот срок уже окончен.",
    "This term has already ended.",
  ),
} as const satisfies Record<GroupCycleErrorCode, CatalogueEntry>;
