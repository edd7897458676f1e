/**
 * Messages of micro-credit operations (products, applications, disbursement, repayment, reversal) in Kazakh,
 * Russian and English. The product checks come from the domain's list, so a code the domain adds without a
 * message here does not build.
 */
import { loanProductErrorCodes } from "@moldir/domain";
import type { CatalogueEntry } from "./errors";

/** Refusals of the loan service itself. */
export const loanOperationErrorCodes = [
  ...loanProductErrorCodes,
  "product_code_must_be_unique",
  "product_must_be_active",
  "product_currency_must_match_organization",
  "loan_book_must_exist",
  "borrower_must_exist",
  "loan_must_be_applied",
  "loan_must_be_decided_by_another_user",
  "loan_must_be_approved",
  "loan_must_be_active",
  "payment_must_not_exceed_amount_owed",
  "value_date_must_not_be_before_disbursement",
  "value_date_must_not_be_in_the_future",
  "loan_event_must_be_reversible",
  "effective_date_must_not_be_in_the_past",
  "close_of_business_must_have_run",
  "loan_must_be_written_off",
  "loan_must_be_joint_liability",
  "borrower_must_be_group_member",
  "guarantor_must_be_group_member",
  "guarantor_must_not_be_borrower",
  "guarantor_must_not_be_in_arrears",
  "guarantee_must_be_new",
  "guarantor_removal_needs_open_application",
  "loan_must_be_in_arrears",
  "term_change_request_must_be_within_window",
  "term_change_request_must_be_pending",
  "term_change_request_must_be_only_pending",
] as const;

export type LoanOperationErrorCode = (typeof loanOperationErrorCodes)[number];

function entry(status: CatalogueEntry["status"], kk: string, ru: string, en: string): CatalogueEntry {
  return { status, retryable: false, message: { kk, ru, en } };
}

export const loanOperationErrorCatalogue = {
  product_limits_must_be_ordered: entry(
    422,
    "Өнімнің ең аз мәні ең көп мәнінен аспауы керек ({field}).",
    "Минимальное значение продукта не должно превышать максимальное ({field}).",
    "A product's minimum must not exceed its maximum ({field}).",
  ),
  principal_must_be_within_product_limits: entry(
    422,
    "Қарыз сомасы өнім шегінде болуы керек: {min}–{max} тиын.",
    "Сумма займа должна быть в пределах продукта: {min}–{max} тиынов.",
    "The amount must be within the product's limits: {min}–{max} tiyn.",
  ),
  installments_must_be_within_product_limits: entry(
    422,
    "Төлемдер саны өнім шегінде болуы керек: {min}–{max}.",
    "Число платежей должно быть в пределах продукта: {min}–{max}.",
    "The number of installments must be within the product's limits: {min}–{max}.",
  ),
  debt_burden_must_not_exceed_limit: entry(
    422,
    "Борыштық жүктеме {valuePercent} % — шектен ({maxPercent} %) жоғары: төлемдер айлық табыстың тым үлкен бөлігі.",
    "Долговая нагрузка {valuePercent} % выше предела ({maxPercent} %): платежи — слишком большая доля месячного дохода.",
    "The debt burden of {valuePercent} % is above the limit of {maxPercent} %: payments take too much of the monthly income.",
  ),
  monthly_income_must_be_positive: entry(
    422,
    "Айлық табысты көрсетіңіз: онсыз борыштық жүктемені тексеру мүмкін емес.",
    "Укажите месячный доход: без него нельзя проверить долговую нагрузку.",
    "Give the monthly income: the debt burden cannot be checked without it.",
  ),
  product_code_must_be_unique: entry(
    409,
    "Мұндай коды бар өнім бар.",
    "Продукт с таким кодом уже есть.",
    "A product with this code already exists.",
  ),
  product_must_be_active: entry(
    422,
    "Бұл өнім енді берілмейді.",
    "Этот продукт больше не выдаётся.",
    "This product is no longer offered.",
  ),
  product_currency_must_match_organization: entry(
    422,
    "Өнімнің валютасы ұйымның валютасымен бірдей болуы керек.",
    "Валюта продукта должна совпадать с валютой организации.",
    "The product's currency must be the organization's currency.",
  ),
  loan_book_must_exist: entry(
    422,
    "Ұйымда микроқаржы ұйымының кітабы жоқ: алдымен «mco» үлгісімен кітап ашыңыз.",
    "У организации нет книги микрофинансовой организации: сначала откройте книгу по шаблону «mco».",
    "The organization has no micro-credit book: open a book from the “mco” template first.",
  ),
  borrower_must_exist: entry(
    422,
    "Қарыз алушы табылмады.",
    "Заёмщик не найден.",
    "The borrower was not found.",
  ),
  loan_must_be_applied: entry(
    409,
    "Бұл өтінім бойынша шешім әлдеқашан қабылданған.",
    "По этой заявке решение уже принято.",
    "This application has already been decided.",
  ),
  loan_must_be_decided_by_another_user: entry(
    403,
    "Өтінімді берген адам ол бойынша шешім қабылдай алмайды: кредит комитетінің басқа мүшесі керек.",
    "Тот, кто подал заявку, не может по ней решать: нужен другой член кредитного комитета.",
    "Whoever made the application cannot decide it: another credit committee member must.",
  ),
  loan_must_be_approved: entry(
    409,
    "Қарызды беру мүмкін емес: ол мақұлданбаған немесе әлдеқашан берілген.",
    "Выдать заём нельзя: он не одобрен или уже выдан.",
    "The loan cannot be disbursed: it is not approved, or it has already been disbursed.",
  ),
  loan_must_be_active: entry(
    409,
    "Бұл қарыз белсенді емес: ол берілмеген, жабылған немесе есептен шығарылған.",
    "Этот заём не действует: он не выдан, закрыт или списан.",
    "This loan is not active: it has not been disbursed, or it is closed or written off.",
  ),
  payment_must_not_exceed_amount_owed: entry(
    422,
    "Төлем қарыз бойынша берешектен ({owedMinor} тиын) аспауы керек.",
    "Платёж не должен превышать задолженность по займу ({owedMinor} тиынов).",
    "The payment must not exceed what is owed on the loan ({owedMinor} tiyn).",
  ),
  value_date_must_not_be_before_disbursement: entry(
    422,
    "Күн қарыз берілген күннен ({disbursedOn}) ерте болмауы керек.",
    "Дата не должна быть раньше выдачи займа ({disbursedOn}).",
    "The date must not be before the loan was disbursed ({disbursedOn}).",
  ),
  value_date_must_not_be_in_the_future: entry(
    422,
    "Болашақ күнмен жазуға болмайды.",
    "Нельзя записать операцию будущей датой.",
    "An operation cannot be dated in the future.",
  ),
  loan_event_must_be_reversible: entry(
    409,
    "Бұл операцияны сторнолау мүмкін емес: ол әлдеқашан сторноланған немесе оның түрі сторноланбайды.",
    "Эту операцию нельзя сторнировать: она уже сторнирована или такой вид не сторнируется.",
    "This operation cannot be reversed: it is already reversed, or operations of its kind are not.",
  ),
  effective_date_must_not_be_in_the_past: entry(
    422,
    "Ереже бүгіннен ерте күшіне ене алмайды: күшіндегі ережелер тарих болып қалады.",
    "Правило не может вступить в силу раньше сегодняшнего дня: действовавшие правила остаются историей.",
    "A rule cannot take effect before today: rules that were in force stay as history.",
  ),
  close_of_business_must_have_run: entry(
    422,
    "{asOf} күні үшін күнді жабу орындалмаған (соңғы жабылған күн: {lastClosed}): бұл күнгі портфель сақталмаған.",
    "Закрытие дня за {asOf} не выполнялось (последний закрытый день: {lastClosed}): портфель на эту дату не сохранён.",
    "Close of business has not run for {asOf} (last closed: {lastClosed}): the portfolio of that date was not kept.",
  ),
  loan_must_be_written_off: entry(
    409,
    "Өндіріп алу тек есептен шығарылған қарыз бойынша жазылады.",
    "Взыскание записывается только по списанному займу.",
    "A recovery is recorded only on a written-off loan.",
  ),
  loan_must_be_joint_liability: entry(
    409,
    "Кепілгерлер тек ортақ жауапкершілік өніміндегі қарызға беріледі.",
    "Поручители назначаются только по займу продукта с солидарной ответственностью.",
    "Guarantors are given only to a loan of a joint-liability product.",
  ),
  borrower_must_be_group_member: entry(
    422,
    "Қарыз алушы осы топтың мүшесі болуы керек.",
    "Заёмщица должна быть участницей этой группы.",
    "The borrower must be a member of this group.",
  ),
  guarantor_must_be_group_member: entry(
    422,
    "Кепілгер қарыз алушымен бір топтың қазіргі мүшесі болуы керек.",
    "Поручительница должна быть нынешней участницей той же группы, что и заёмщица.",
    "The guarantor must be a current member of the borrower's group.",
  ),
  guarantor_must_not_be_borrower: entry(
    422,
    "Қарыз алушы өз қарызына кепілгер бола алмайды.",
    "Заёмщица не может поручиться за собственный заём.",
    "The borrower cannot guarantee her own loan.",
  ),
  guarantor_must_not_be_in_arrears: entry(
    409,
    "Кепілгердің мерзімі өткен қарызы бар (№ {loanNumber}): ол кепілгер бола алмайды.",
    "У поручительницы есть просроченный заём (№ {loanNumber}): она не может поручиться.",
    "The guarantor has a loan in arrears (No. {loanNumber}) and cannot guarantee.",
  ),
  guarantee_must_be_new: entry(
    409,
    "Бұл адам осы қарызға кепілгер болып қойылған.",
    "Эта участница уже поручилась за этот заём.",
    "This person already guarantees this loan.",
  ),
  guarantor_removal_needs_open_application: entry(
    409,
    "Кепілгерді тек қарыз берілгенге дейін алып тастауға болады: берілгеннен кейін кепілдік шарттың бөлігі.",
    "Убрать поручителя можно только до выдачи займа: после выдачи поручительство — часть договора.",
    "A guarantor can be removed only before the loan is paid out: after that the guarantee is part of the contract.",
  ),
  loan_must_be_in_arrears: entry(
    409,
    "Өтініш алынған күні қарыздың мерзімі өтпеген еді.",
    "На дату получения заявления заём не был просрочен.",
    "The loan was not past due on the day the request was received.",
  ),
  term_change_request_must_be_within_window: entry(
    422,
    "Талаптарды өзгерту туралы өтініш мерзімі өткен күннен ({delayStartedOn}) бастап 30 күн ішінде, {windowEndsOn} дейін беріледі.",
    "Заявление об изменении условий подаётся в течение 30 дней со дня просрочки ({delayStartedOn}), до {windowEndsOn}.",
    "A request to change the terms is made within 30 days of the delay ({delayStartedOn}), by {windowEndsOn}.",
  ),
  term_change_request_must_be_pending: entry(
    409,
    "Бұл өтініш бойынша шешім қабылданып қойған.",
    "По этому заявлению решение уже принято.",
    "This request has been decided already.",
  ),
  term_change_request_must_be_only_pending: entry(
    409,
    "Бұл қарыз бойынша қаралмаған өтініш бар: алдымен сол бойынша шешім қабылдаңыз.",
    "По этому займу уже есть нерассмотренное заявление: сначала примите решение по нему.",
    "This loan already has a request waiting for a decision: decide that one first.",
  ),
} as const satisfies Record<LoanOperationErrorCode, CatalogueEntry>;
