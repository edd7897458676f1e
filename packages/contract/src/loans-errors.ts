/**
 * Messages of the loan engine's error codes (calculator, replay, caps) in Kazakh, Russian and English.
 *
 * The codes come from the domain's own lists, so a code the engine adds without a message here does not
 * build. Statuses: 400 when the request is not the calculator's JSON shape (not an object, an unknown or
 * missing field, a wrong type or choice); 422 when it is well formed but a value or a combination breaks a
 * rule of the loan engine. None is retryable: the same request gets the same answer. Messages may name
 * values from `details`: `{field}`, `{max}`, `{maxDays}`, `{allowed}`, `{eventId}`, `{limitPercent}`,
 * `{valuePercent}`. Kazakh and Russian use the words of the web calculator (несие / заём, ЖТСМ / ГЭСВ).
 */
import {
  type CapViolationCode,
  type LoanCalculatorErrorCode,
  type LoanReplayErrorCode,
  loanCalculatorErrorCodes,
  loanReplayErrorCodes,
} from "@moldir/domain";
import type { CatalogueEntry } from "./errors";

/** The codes of a broken cap; the domain states them as a type, the list is checked against it below. */
export const loanCapErrorCodes = [
  "gesv_must_not_exceed_cap",
  "short_loan_daily_rate_must_be_below_cap",
  "short_loan_gesv_must_not_exceed_cap",
] as const satisfies readonly CapViolationCode[];

/** Every code the loan engine can return (the calculator's, the replay's and the caps'). */
export const loanErrorCodes = [
  ...loanCalculatorErrorCodes,
  ...loanReplayErrorCodes,
  ...loanCapErrorCodes,
] as const;

/** A code of the loan engine. Built from the domain's types, so the catalogue below must cover all of them. */
export type LoanErrorCode = LoanCalculatorErrorCode | LoanReplayErrorCode | CapViolationCode;

/** The request is not the calculator's JSON shape. */
function shapeProblem(kk: string, ru: string, en: string): CatalogueEntry {
  return { status: 400, retryable: false, message: { kk, ru, en } };
}

/** The request is well formed, but a rule of the loan engine refuses it. */
function ruleRefusal(kk: string, ru: string, en: string): CatalogueEntry {
  return { status: 422, retryable: false, message: { kk, ru, en } };
}

export const loanErrorCatalogue = {
  // The shape of a JSON request.
  body_must_be_an_object: shapeProblem(
    "Сұраудың денесі JSON нысаны болуы керек.",
    "Тело запроса должно быть объектом JSON.",
    "The request body must be a JSON object.",
  ),
  field_is_unknown: shapeProblem(
    "Белгісіз өріс: «{field}».",
    "Неизвестное поле: «{field}».",
    "Unknown field: “{field}”.",
  ),
  field_is_required: shapeProblem(
    "«{field}» өрісін толтыру керек.",
    "Поле «{field}» обязательно.",
    "The field “{field}” is required.",
  ),
  field_must_be_a_string: shapeProblem(
    "«{field}» өрісі мәтін (жол) болуы керек.",
    "Поле «{field}» должно быть строкой.",
    "The field “{field}” must be a string.",
  ),
  field_must_be_an_integer: shapeProblem(
    "«{field}» өрісі бүтін сан болуы керек.",
    "Поле «{field}» должно быть целым числом.",
    "The field “{field}” must be a whole number.",
  ),
  field_must_be_an_array: shapeProblem(
    "«{field}» өрісі тізім болуы керек.",
    "Поле «{field}» должно быть списком.",
    "The field “{field}” must be a list.",
  ),
  field_must_be_an_object: shapeProblem(
    "«{field}» өрісі нысан болуы керек.",
    "Поле «{field}» должно быть объектом.",
    "The field “{field}” must be an object.",
  ),
  field_must_be_one_of_allowed_values: shapeProblem(
    "«{field}» өрісінің мәні мыналардың бірі болуы керек: {allowed}.",
    "Значение поля «{field}» должно быть одним из: {allowed}.",
    "The field “{field}” must be one of: {allowed}.",
  ),

  // Single fields.
  currency_must_be_supported: ruleRefusal(
    "Бұл валютаға қолдау көрсетілмейді.",
    "Эта валюта не поддерживается.",
    "This currency is not supported.",
  ),
  amount_must_be_a_whole_number_of_minor_units: ruleRefusal(
    "«{field}» сомасы валютаның ең кіші бірліктерімен бүтін сан ретінде жазылуы керек (мысалы, 1 500,00 ₸ үшін «150000»).",
    "Сумма «{field}» записывается целым числом в минимальных единицах валюты (например, «150000» для 1 500,00 ₸).",
    "The amount “{field}” must be a whole number of minor units (e.g. “150000” for 1 500,00 ₸).",
  ),
  // Shared with the money module: the same words as the core catalogue, without placeholders.
  amount_must_not_exceed_maximum: ruleRefusal(
    "Сома тым үлкен.",
    "Сумма слишком велика.",
    "The amount is too large.",
  ),
  // Shared with the calendar module: the same words as the core catalogue, without placeholders.
  date_must_be_valid: ruleRefusal(
    "Күн ЖЖЖЖ-АА-КК түрінде нақты күн болуы керек.",
    "Дата должна быть настоящей датой в виде ГГГГ-ММ-ДД.",
    "The date must be a real date written YYYY-MM-DD.",
  ),
  percent_must_be_a_decimal_number: ruleRefusal(
    "«{field}» пайызы нүктесі бар теріс емес ондық сан болуы керек (мысалы, «2.5»), нүктеден кейін ең көбі 6 цифр.",
    "Процент «{field}» должен быть неотрицательным десятичным числом с точкой (например, «2.5»), не больше 6 знаков после точки.",
    "The percentage “{field}” must be a non-negative decimal number with a dot (e.g. “2.5”), at most 6 decimals.",
  ),
  principal_must_be_positive: ruleRefusal(
    "Несие сомасы нөлден үлкен болуы керек.",
    "Сумма займа должна быть больше нуля.",
    "The loan amount must be greater than zero.",
  ),
  installments_must_be_positive: ruleRefusal(
    "Кемінде бір төлем болуы керек.",
    "Должен быть хотя бы один платёж.",
    "There must be at least one installment.",
  ),
  installments_must_not_exceed_maximum: ruleRefusal(
    "Төлемдер саны ең көбі {max} болуы мүмкін.",
    "Платежей может быть не больше {max}.",
    "There can be at most {max} installments.",
  ),
  repayment_every_must_be_positive: ruleRefusal(
    "Төлемдер арасындағы аралық кемінде 1 болуы керек.",
    "Интервал между платежами должен быть не меньше 1.",
    "The interval between repayments must be at least 1.",
  ),
  repayment_every_must_not_exceed_maximum: ruleRefusal(
    "Төлемдер арасындағы аралық ең көбі {max} болуы мүмкін.",
    "Интервал между платежами может быть не больше {max}.",
    "The interval between repayments can be at most {max}.",
  ),
  interest_rate_must_not_exceed_maximum: ruleRefusal(
    "Пайыздық мөлшерлеме жылына ең көбі {max} % болуы мүмкін.",
    "Процентная ставка может быть не больше {max} % годовых.",
    "The interest rate can be at most {max} % a year.",
  ),
  multiple_must_be_positive: ruleRefusal(
    "Дөңгелектеу еселігі нөлден үлкен болуы керек.",
    "Кратность округления должна быть больше нуля.",
    "The rounding multiple must be greater than zero.",
  ),
  periods_must_not_be_negative: ruleRefusal(
    "Кезеңдер саны теріс болмауы керек.",
    "Число периодов не может быть отрицательным.",
    "The number of periods must not be negative.",
  ),
  fees_must_not_exceed_maximum: ruleRefusal(
    "Комиссиялар ең көбі {max} болуы мүмкін.",
    "Комиссий может быть не больше {max}.",
    "There can be at most {max} fees.",
  ),
  fee_must_have_either_amount_or_percent: ruleRefusal(
    "Бір жолғы комиссияның не сомасын, не пайызын көрсетіңіз, екеуін бірге емес.",
    "Укажите для единовременной комиссии либо сумму, либо процент, но не то и другое.",
    "Give an upfront fee either an amount or a percentage, not both.",
  ),
  fee_amount_must_not_be_negative: ruleRefusal(
    "Комиссия сомасы теріс болмауы керек.",
    "Сумма комиссии не может быть отрицательной.",
    "A fee amount must not be negative.",
  ),

  // Combinations.
  installment_multiple_must_be_a_multiple_of_amount_multiple: ruleRefusal(
    "Төлемді дөңгелектеу еселігі сомаларды дөңгелектеу еселігіне еселі болуы керек.",
    "Кратность округления платежа должна делиться на кратность округления сумм.",
    "The installment's rounding multiple must be a multiple of the amounts' rounding multiple.",
  ),
  grace_periods_must_be_fewer_than_installments: ruleRefusal(
    "Жеңілдік кезеңдері төлемдер санынан аз болуы керек.",
    "Льготных периодов должно быть меньше, чем платежей.",
    "There must be fewer grace periods than installments.",
  ),
  interest_free_periods_must_not_exceed_installments: ruleRefusal(
    "Пайызсыз кезеңдер төлемдер санынан көп болмауы керек.",
    "Беспроцентных периодов не может быть больше, чем платежей.",
    "There cannot be more interest-free periods than installments.",
  ),
  down_payment_percent_must_be_below_100: ruleRefusal(
    "Бастапқы жарна 100 % шегінен аз болуы керек.",
    "Первоначальный взнос должен быть меньше 100 %.",
    "The down payment must be less than 100 %.",
  ),
  first_repayment_date_must_be_after_disbursement_date: ruleRefusal(
    "Бірінші төлем күні несие берілген күннен кейін болуы керек.",
    "Дата первого платежа должна быть позже даты выдачи займа.",
    "The first repayment date must be after the disbursement date.",
  ),
  first_repayment_date_must_be_within_first_period_limit: ruleRefusal(
    "Бірінші төлем несие берілгеннен кейін ең көбі {max} күн ішінде болуы керек.",
    "Первый платёж должен быть не позже чем через {max} дн. после выдачи займа.",
    "The first repayment must be at most {max} days after the disbursement.",
  ),
  term_must_not_exceed_maximum: ruleRefusal(
    "Несие мерзімі ең көбі {maxDays} күн болуы мүмкін.",
    "Срок займа может быть не больше {maxDays} дн.",
    "The loan term can be at most {maxDays} days.",
  ),
  holidays_must_not_exceed_maximum: ruleRefusal(
    "Мереке күндерінің тізімі тым ұзын.",
    "Список праздничных дней слишком длинный.",
    "The list of holidays is too long.",
  ),
  weekday_must_be_from_1_to_7: ruleRefusal(
    "Апта күні 1-ден 7-ге дейінгі сан болуы керек (1 — дүйсенбі).",
    "День недели — число от 1 до 7 (1 — понедельник).",
    "A weekday is a number from 1 to 7 (1 is Monday).",
  ),
  calendar_must_have_working_days: ruleRefusal(
    "Күнтізбеде кемінде бір жұмыс күні болуы керек.",
    "В календаре должен быть хотя бы один рабочий день.",
    "The calendar must have at least one working day.",
  ),
  meeting_weekdays_must_include_a_working_day: ruleRefusal(
    "Кездесу күндерінің кемінде біреуі жұмыс күні болуы керек.",
    "Хотя бы один из дней встреч должен быть рабочим.",
    "At least one meeting day must be a working day.",
  ),
  tranches_must_not_exceed_maximum: ruleRefusal(
    "Транштар ең көбі {max} болуы мүмкін.",
    "Траншей может быть не больше {max}.",
    "There can be at most {max} tranches.",
  ),
  tranches_must_use_declining_balance: ruleRefusal(
    "Транштармен берілетін несиеде сыйақы негізгі борыштың қалдығына есептелуі керек.",
    "По займу с траншами вознаграждение должно начисляться на остаток основного долга.",
    "A loan in tranches must charge interest on the declining balance.",
  ),
  tranches_must_be_in_date_order: ruleRefusal(
    "Транштар күн ретімен көрсетілуі керек.",
    "Транши должны быть указаны в порядке дат.",
    "Tranches must be listed in date order.",
  ),
  tranches_must_fall_within_term: ruleRefusal(
    "Транш несие мерзімі ішінде берілуі керек.",
    "Транш должен быть выдан в пределах срока займа.",
    "A tranche must be disbursed within the loan term.",
  ),
  upfront_fees_must_be_less_than_principal: ruleRefusal(
    "Бір жолғы комиссиялар несие сомасынан аз болуы керек.",
    "Единовременные комиссии должны быть меньше суммы займа.",
    "Upfront fees must be less than the loan amount.",
  ),

  // Outcomes.
  effective_rate_must_exist: ruleRefusal(
    "Бұл шарттар үшін жылдық тиімді сыйақы мөлшерлемесін (ЖТСМ) есептеу мүмкін емес.",
    "Для этих условий годовую эффективную ставку вознаграждения (ГЭСВ) рассчитать нельзя.",
    "No annual effective rate (GESV) exists for these terms.",
  ),

  // Replay of a loan's events.
  events_must_not_exceed_maximum: ruleRefusal(
    "Несие бойынша операциялар тым көп.",
    "По займу слишком много операций.",
    "The loan has too many events.",
  ),
  event_ids_must_be_unique: ruleRefusal(
    "Операция идентификаторы қайталанады: {eventId}.",
    "Идентификатор операции повторяется: {eventId}.",
    "An event id is repeated: {eventId}.",
  ),
  amount_must_be_positive: ruleRefusal(
    "Сома нөлден үлкен болуы керек.",
    "Сумма должна быть больше нуля.",
    "The amount must be greater than zero.",
  ),
  first_event_must_be_a_disbursement: ruleRefusal(
    "Несие бойынша алғашқы операция несиені беру болуы керек.",
    "Первой операцией по займу должна быть его выдача.",
    "The first event of a loan must be its disbursement.",
  ),
  reschedule_terms_must_be_valid: ruleRefusal(
    "Қайта құрылымдаудың жаңа шарттары бойынша кесте жасау мүмкін емес (операция {eventId}).",
    "По новым условиям реструктуризации нельзя построить график (операция {eventId}).",
    "No schedule can be built from the new terms of the reschedule (event {eventId}).",
  ),
  schedule_terms_must_be_valid: ruleRefusal(
    "Несие шарттары бойынша кесте жасау мүмкін емес.",
    "По условиям займа нельзя построить график.",
    "No schedule can be built from the loan's terms.",
  ),

  // Caps of Kazakhstan (effective-dated, see the domain's caps).
  gesv_must_not_exceed_cap: ruleRefusal(
    "ЖТСМ {valuePercent} % — шекті мәннен ({limitPercent} %) жоғары.",
    "ГЭСВ {valuePercent} % превышает предельное значение {limitPercent} %.",
    "The GESV of {valuePercent} % exceeds the cap of {limitPercent} %.",
  ),
  short_loan_daily_rate_must_be_below_cap: ruleRefusal(
    "Қысқа мерзімді несиенің күндік мөлшерлемесі {valuePercent} %; ол {limitPercent} % шегінен төмен болуы керек.",
    "Дневная ставка краткосрочного займа {valuePercent} % должна быть ниже предела {limitPercent} %.",
    "The daily rate of a short loan, {valuePercent} %, must be below {limitPercent} %.",
  ),
  short_loan_gesv_must_not_exceed_cap: ruleRefusal(
    "Қысқа мерзімді несиенің ЖТСМ-і {valuePercent} %; ол {limitPercent} % шегінен аспауы керек.",
    "ГЭСВ краткосрочного займа {valuePercent} % превышает предел {limitPercent} %.",
    "The GESV of a short loan, {valuePercent} %, exceeds the cap of {limitPercent} %.",
  ),
} as const satisfies Record<LoanErrorCode, CatalogueEntry>;
