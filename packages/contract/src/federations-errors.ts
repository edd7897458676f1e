/**
 * Messages of federations' error codes in Kazakh, Russian and English: tiers, group membership of nodes,
 * community fund eligibility (each refusal says why), credit plans, loans, repayments and fees. 422 for a rule
 * that refuses a well-formed request, 409 for a state that does not allow it now; none is retryable.
 */
import type { CreditPlanError, EligibilityError, FundRepaymentError, FundRulesError } from "@moldir/domain";
import type { CatalogueEntry } from "./errors";

export const federationErrorCodes = [
  "organization_must_hold_federations",
  "node_parent_must_exist",
  "node_level_must_be_below_parent",
  "group_must_not_be_in_another_node",
  "group_must_belong_to_node",
  "date_must_not_precede_start",
  "application_must_be_submitted",
  "application_must_be_approved",
  "node_cash_must_cover_loan",
  "fee_period_must_be_unpaid",
  "organization_must_be_network",
  "network_must_exist",
  "formation_item_must_be_open",
  "fund_loan_must_belong_to_group",
  "meeting_with_fund_repayments_must_stand",
] as const;

export type FederationErrorCode =
  | (typeof federationErrorCodes)[number]
  | EligibilityError
  | FundRulesError
  | FundRepaymentError
  | CreditPlanError;

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

export const federationErrorCatalogue = {
  organization_must_hold_federations: rule(
    "Федерация деңгейлерін тек үкіметтік емес ұйым немесе федерация құра алады.",
    "Уровни федерации может создавать только НКО или федерация.",
    "Only an NGO or a federation can hold federation tiers.",
  ),
  node_parent_must_exist: rule(
    "Жоғарғы буын табылмады.",
    "Вышестоящее звено не найдено.",
    "The node above does not exist.",
  ),
  node_level_must_be_below_parent: rule(
    "Буынның деңгейі жоғарғы буыннан төмен болуы керек (ауыл → кластер → өңір).",
    "Уровень звена должен быть ниже вышестоящего (село → кластер → регион).",
    "A node's level must be below its parent's (village → cluster → regional).",
  ),
  group_must_not_be_in_another_node: state(
    "Топ қазір басқа буында. Алдымен одан шығыңыз.",
    "Группа сейчас состоит в другом звене. Сначала выведите её оттуда.",
    "The group is in another node now. Let it leave that node first.",
  ),
  fund_loan_must_belong_to_group: rule(
    "Бұл қор қарызы осы топқа берілмеген.",
    "Этот заём фонда выдан не этой группе.",
    "This community fund loan was not lent to this group.",
  ),
  meeting_with_fund_repayments_must_stand: state(
    "Бұл жиналыста федерацияның қор қарызы өтелген: оны сторнолауға болмайды, түзетуді федерациямен бірге жазыңыз.",
    "На этом собрании погашен заём фонда федерации: его нельзя сторнировать, исправление оформите вместе с федерацией.",
    "This meeting repaid the federation's fund loan: it cannot be reversed; record the correction together with the federation.",
  ),
  group_must_belong_to_node: state(
    "Топ бұл буында жоқ.",
    "Группа не состоит в этом звене.",
    "The group does not belong to this node.",
  ),
  date_must_not_precede_start: rule(
    "«{field}» күні {start} күнінен бұрын болмауы керек.",
    "Дата «{field}» не может быть раньше {start}.",
    "The date “{field}” cannot be before {start}.",
  ),
  application_must_be_submitted: state(
    "Өтінім шешім күтіп тұрған жоқ.",
    "Заявка не ожидает решения.",
    "The application is not waiting for a decision.",
  ),
  application_must_be_approved: state(
    "Тек мақұлданған өтінім бойынша ақша беруге болады.",
    "Выдать можно только одобренную заявку.",
    "Only an approved application can be disbursed.",
  ),
  node_cash_must_cover_loan: rule(
    "Буынның кассасында жеткілікті ақша жоқ: {cashMinor} тиын.",
    "В кассе звена недостаточно денег: {cashMinor} тиын.",
    "The node's cash does not cover the loan: {cashMinor} tiyn.",
  ),
  fee_period_must_be_unpaid: state(
    "Бұл топ {period} айға жарнасын төлеп қойған.",
    "Эта группа уже заплатила взнос за {period}.",
    "This group has already paid its fee for {period}.",
  ),
  organization_must_be_network: rule(
    "Серіктестерді тек желі ұйымы тізімдей алады.",
    "Партнёров может вести только организация-сеть.",
    "Only a network organization keeps a list of partners.",
  ),
  network_must_exist: rule("Мұндай желі жоқ.", "Такой сети нет.", "There is no such network."),
  formation_item_must_be_open: state(
    "Бұл қадам {doneOn} күні орындалып қойған.",
    "Этот пункт уже выполнен {doneOn}.",
    "This item was already done on {doneOn}.",
  ),
  group_grade_must_be_allowed: rule(
    "Топтың рейтингі {grade}: қор тек {allowed} рейтингті топтарға береді.",
    "Рейтинг группы {grade}: фонд выдаёт только группам с рейтингом {allowed}.",
    "The group is graded {grade}; the fund lends only to groups graded {allowed}.",
  ),
  group_must_meet_regularly: rule(
    "Топ соңғы {required} айдың тек {months} айында үзбей жиналды.",
    "Группа собиралась без перерыва только {months} из последних {required} месяцев.",
    "The group met without a break in only {months} of the last {required} months.",
  ),
  group_must_have_no_fund_arrears: rule(
    "Топтың федерация алдында мерзімі өткен қарызы бар: {arrearsMinor} тиын.",
    "У группы есть просрочка перед федерацией: {arrearsMinor} тиын.",
    "The group is in arrears to the federation: {arrearsMinor} tiyn.",
  ),
  amount_must_not_exceed_fund_limit: rule(
    "Сома қордың шегінен асады ({max} тиын).",
    "Сумма превышает лимит фонда ({max} тиын).",
    "The amount exceeds the fund's limit ({max} tiyn).",
  ),
  term_must_not_exceed_fund_limit: rule(
    "Мерзім қордың шегінен асады ({max} ай).",
    "Срок превышает предел фонда ({max} мес.).",
    "The term exceeds the fund's limit ({max} months).",
  ),
  fund_rules_must_be_valid: rule(
    "Қор ережесіндегі «{field}» мәні дұрыс емес.",
    "Значение «{field}» в правилах фонда неверно.",
    "The value “{field}” of the fund's rules is not valid.",
  ),
  repayment_must_not_exceed_outstanding: rule(
    "Өтелетін негізгі қарыз қалдықтан ({outstandingMinor} тиын) аспауы керек.",
    "Погашение основного долга не может превышать остаток ({outstandingMinor} тиын).",
    "The principal repaid cannot exceed what is outstanding ({outstandingMinor} tiyn).",
  ),
  repayment_must_pay_something: rule(
    "Өтеу сомасы нөлден үлкен болуы керек, теріс бөліктерсіз.",
    "Сумма погашения должна быть больше нуля, без отрицательных частей.",
    "A repayment must pay more than zero, with no negative part.",
  ),
  credit_plan_must_add_up: rule(
    "Несие жоспарының жолдары сұралған сомаға тең болуы керек (қазір {totalMinor} тиын).",
    "Строки кредитного плана должны давать запрошенную сумму (сейчас {totalMinor} тиын).",
    "The lines of the credit plan must add up to the amount asked (now {totalMinor} tiyn).",
  ),
} as const satisfies Record<FederationErrorCode, CatalogueEntry>;
