/**
 * The error catalogue: every expected error has a snake_case code, an HTTP status, a message in Kazakh,
 * Russian and English, and whether retrying can help (the offline outbox retries only those).
 *
 * Codes come from the domain (which never mentions HTTP) and from the HTTP layer. `catalogue` is checked
 * by the compiler against the union of all codes, so a code without an entry does not build.
 * Messages may name values from `details` as `{name}`; details never carry personal data.
 */
import type {
  BylawsError,
  IinError,
  Locale,
  MeetingError,
  ParseMoneyError,
  PasswordError,
  PersonError,
  ShareOutError,
} from "@moldir/domain";
import { type FederationErrorCode, federationErrorCatalogue } from "./federations-errors";
import { type GroupCycleErrorCode, groupCycleErrorCatalogue } from "./groups-errors";
import { type LoanOperationErrorCode, loanOperationErrorCatalogue } from "./loan-ops-errors";
import { type LoanErrorCode, loanErrorCatalogue } from "./loans-errors";
import { type ProjectErrorCode, projectErrorCatalogue } from "./projects-errors";

/** Errors of the HTTP layer itself. */
export const httpErrorCodes = [
  "request_must_be_valid",
  "body_must_be_valid_json",
  "body_must_not_exceed_limit",
  "content_type_must_be_supported",
  "route_must_exist",
  "request_rate_must_stay_within_limit",
  "service_must_be_ready",
  "service_must_not_be_overloaded",
  "internal_error",
] as const;

export type HttpErrorCode = (typeof httpErrorCodes)[number];

/** Errors of identity, tenancy, audit, approvals and idempotency. */
export const identityErrorCodes = [
  "session_must_be_valid",
  "credentials_must_be_valid",
  "login_must_not_be_locked",
  "second_factor_must_be_valid",
  "second_factor_must_be_enabled",
  "second_factor_must_be_pending",
  "permission_must_be_granted",
  "csrf_token_must_match",
  "record_must_exist",
  "version_must_match",
  "membership_must_exist",
  "email_or_phone_must_be_given",
  "email_must_be_unique",
  "phone_must_be_unique",
  "phone_must_be_valid",
  "email_must_be_valid",
  "current_password_must_match",
  "bin_must_be_valid",
  "region_must_exist",
  "office_parent_must_exist",
  "office_must_not_be_its_own_ancestor",
  "scope_must_exist",
  "organization_must_keep_an_administrator",
  "token_permissions_must_be_held",
  "approval_must_be_pending",
  "approval_must_be_decided_by_another_user",
  "approval_is_required",
  "idempotency_key_must_match_request",
  "idempotency_key_must_not_be_in_use",
  "idempotency_key_must_be_valid",
] as const;

export type IdentityErrorCode = (typeof identityErrorCodes)[number];

/** Errors of the general ledger. */
export const ledgerErrorCodes = [
  "entry_must_have_two_lines",
  "entry_must_not_exceed_line_limit",
  "line_amount_must_be_positive",
  "entry_must_balance",
  "narration_must_be_given",
  "book_must_exist",
  "book_of_organization_must_be_unique",
  "account_must_exist",
  "account_must_belong_to_book",
  "account_must_take_postings",
  "account_must_be_active",
  "account_code_must_be_unique",
  "account_parent_must_exist",
  "account_type_must_match_parent",
  "period_must_be_open",
  "period_end_must_be_month_end",
  "period_must_follow_closed_periods",
  "period_must_not_be_in_the_future",
  "period_must_be_closed",
  "entry_must_not_be_reversed_twice",
  "reversal_must_not_be_reversed",
  "year_must_not_be_closed",
] as const;

export type LedgerErrorCode = (typeof ledgerErrorCodes)[number];

/** Errors of people, households and consent. */
export const peopleErrorCodes = [
  "iin_must_be_unique",
  "person_may_be_duplicate",
  "person_must_not_be_merged",
  "persons_must_differ",
  "person_must_be_merged",
  "person_must_not_be_erased",
  "consent_must_be_given",
  "consent_must_be_active",
  "household_member_must_be_unique",
] as const;

export type PeopleErrorCode = (typeof peopleErrorCodes)[number];

/** Errors of groups and meetings that the domain does not name itself. */
export const groupErrorCodes = [
  "meeting_id_must_be_unique",
  "meeting_must_follow_last_meeting",
  "bylaws_must_be_in_force",
  "member_must_be_new_to_group",
  "group_must_not_exceed_member_limit",
  "meeting_must_not_be_reversed",
  "meeting_must_not_have_later_repayments",
] as const;
export type GroupErrorCode = (typeof groupErrorCodes)[number];

/** Codes of the core: HTTP, identity and the domain basics. Each area's own codes live in its own file. */
export type CoreErrorCode =
  | HttpErrorCode
  | IdentityErrorCode
  | LedgerErrorCode
  | PeopleErrorCode
  | PersonError
  | GroupErrorCode
  | MeetingError
  | BylawsError
  | ShareOutError
  | ParseMoneyError
  | IinError
  | PasswordError
  | "date_must_be_valid";

export interface CatalogueEntry {
  readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 500 | 503;
  readonly retryable: boolean;
  readonly message: Readonly<Record<Locale, string>>;
}

const coreCatalogue = {
  request_must_be_valid: {
    status: 400,
    retryable: false,
    message: {
      kk: "Сұраудағы «{field}» өрісі дұрыс емес: {reason}",
      ru: "Поле «{field}» в запросе заполнено неверно: {reason}",
      en: "The field “{field}” of the request is not valid: {reason}",
    },
  },
  body_must_be_valid_json: {
    status: 400,
    retryable: false,
    message: {
      kk: "Сұраудың денесі дұрыс JSON емес.",
      ru: "Тело запроса не является корректным JSON.",
      en: "The request body is not valid JSON.",
    },
  },
  body_must_not_exceed_limit: {
    status: 413,
    retryable: false,
    message: {
      kk: "Сұрау тым үлкен: ең көбі {limitBytes} байт.",
      ru: "Запрос слишком велик: не более {limitBytes} байт.",
      en: "The request is too large: at most {limitBytes} bytes.",
    },
  },
  content_type_must_be_supported: {
    status: 415,
    retryable: false,
    message: {
      kk: "Бұл мазмұн түрі қабылданбайды; application/json жіберіңіз.",
      ru: "Этот тип содержимого не поддерживается; отправьте application/json.",
      en: "This content type is not supported; send application/json.",
    },
  },
  route_must_exist: {
    status: 404,
    retryable: false,
    message: {
      kk: "Мұндай мекенжай жоқ: {method} {path}",
      ru: "Такого адреса нет: {method} {path}",
      en: "There is no such address: {method} {path}",
    },
  },
  request_rate_must_stay_within_limit: {
    status: 429,
    retryable: true,
    message: {
      kk: "Сұраулар тым көп. Біраз күтіп, қайталаңыз.",
      ru: "Слишком много запросов. Подождите немного и повторите.",
      en: "Too many requests. Wait a little and try again.",
    },
  },
  service_must_be_ready: {
    status: 503,
    retryable: true,
    message: {
      kk: "Қызмет әзірге дайын емес. Біраз күтіп, қайталаңыз.",
      ru: "Сервис пока не готов. Подождите немного и повторите.",
      en: "The service is not ready yet. Wait a little and try again.",
    },
  },
  service_must_not_be_overloaded: {
    status: 503,
    retryable: true,
    message: {
      kk: "Сервер қазір шамадан тыс жүктелген. {retryAfterSeconds} секундтан кейін қайталаңыз.",
      ru: "Сервер сейчас перегружен. Повторите через {retryAfterSeconds} с.",
      en: "The server is overloaded right now. Try again in {retryAfterSeconds} s.",
    },
  },
  internal_error: {
    status: 500,
    retryable: true,
    message: {
      kk: "Сервер қатесі. Ол тіркелді; кейінірек қайталаңыз.",
      ru: "Ошибка сервера. Она записана; повторите позже.",
      en: "A server error occurred. It has been logged; try again later.",
    },
  },
  amount_must_be_a_number: {
    status: 422,
    retryable: false,
    message: {
      kk: "Сома сан болуы керек.",
      ru: "Сумма должна быть числом.",
      en: "The amount must be a number.",
    },
  },
  amount_must_have_at_most_minor_digits: {
    status: 422,
    retryable: false,
    message: {
      kk: "Сомада үтірден кейін ең көбі {minorDigits} цифр болады.",
      ru: "В сумме не больше {minorDigits} знаков после запятой.",
      en: "The amount has at most {minorDigits} digits after the decimal point.",
    },
  },
  amount_must_not_exceed_maximum: {
    status: 422,
    retryable: false,
    message: {
      kk: "Сома тым үлкен.",
      ru: "Сумма слишком велика.",
      en: "The amount is too large.",
    },
  },
  amount_must_not_be_negative: {
    status: 422,
    retryable: false,
    message: {
      kk: "Сома теріс болмауы керек.",
      ru: "Сумма не может быть отрицательной.",
      en: "The amount must not be negative.",
    },
  },
  date_must_be_valid: {
    status: 422,
    retryable: false,
    message: {
      kk: "Күн ЖЖЖЖ-АА-КК түрінде нақты күн болуы керек.",
      ru: "Дата должна быть настоящей датой в виде ГГГГ-ММ-ДД.",
      en: "The date must be a real date written YYYY-MM-DD.",
    },
  },
  iin_must_have_12_digits: {
    status: 422,
    retryable: false,
    message: {
      kk: "ЖСН 12 цифрдан тұрады.",
      ru: "ИИН состоит из 12 цифр.",
      en: "An IIN has 12 digits.",
    },
  },
  iin_must_have_valid_check_digit: {
    status: 422,
    retryable: false,
    message: {
      kk: "ЖСН-нің бақылау цифры сәйкес келмейді; нөмірді тексеріңіз.",
      ru: "Контрольная цифра ИИН не сходится; проверьте номер.",
      en: "The IIN's check digit does not match; check the number.",
    },
  },
  iin_must_encode_valid_birth_date: {
    status: 422,
    retryable: false,
    message: {
      kk: "ЖСН-дегі туған күн нақты күн емес.",
      ru: "Дата рождения в ИИН не является настоящей датой.",
      en: "The birth date in the IIN is not a real date.",
    },
  },
  session_must_be_valid: {
    status: 401,
    retryable: false,
    message: {
      kk: "Жүйеге кіріңіз: сессия жоқ немесе оның мерзімі өтті.",
      ru: "Войдите в систему: сессии нет или её срок истёк.",
      en: "Please sign in: there is no session or it has expired.",
    },
  },
  credentials_must_be_valid: {
    status: 401,
    retryable: false,
    message: {
      kk: "Логин немесе құпиясөз қате.",
      ru: "Неверный логин или пароль.",
      en: "The login or the password is wrong.",
    },
  },
  login_must_not_be_locked: {
    status: 429,
    retryable: true,
    message: {
      kk: "Сәтсіз әрекеттер тым көп. {minutes} минуттан кейін қайталаңыз.",
      ru: "Слишком много неудачных попыток. Повторите через {minutes} мин.",
      en: "Too many failed attempts. Try again in {minutes} minutes.",
    },
  },
  second_factor_must_be_valid: {
    status: 401,
    retryable: false,
    message: {
      kk: "Растау коды қате немесе ескірген.",
      ru: "Код подтверждения неверен или устарел.",
      en: "The verification code is wrong or has expired.",
    },
  },
  second_factor_must_be_enabled: {
    status: 403,
    retryable: false,
    message: {
      kk: "Ұйым әкімшілерден екі факторлы растауды талап етеді: оны профильде қосыңыз.",
      ru: "Организация требует от администраторов двухфакторную проверку: включите её в профиле.",
      en: "The organization requires two-factor verification for administrators: turn it on in your profile.",
    },
  },
  second_factor_must_be_pending: {
    status: 409,
    retryable: false,
    message: {
      kk: "Бұл сессия растау кодын күтпейді.",
      ru: "Эта сессия не ожидает кода подтверждения.",
      en: "This session is not waiting for a verification code.",
    },
  },
  permission_must_be_granted: {
    status: 403,
    retryable: false,
    message: {
      kk: "Бұл әрекетке рұқсатыңыз жоқ.",
      ru: "У вас нет прав на это действие.",
      en: "You do not have permission to do this.",
    },
  },
  csrf_token_must_match: {
    status: 403,
    retryable: false,
    message: {
      kk: "Сұрау расталмады (CSRF). Бетті жаңартып, қайталаңыз.",
      ru: "Запрос не подтверждён (CSRF). Обновите страницу и повторите.",
      en: "The request could not be verified (CSRF). Reload the page and try again.",
    },
  },
  record_must_exist: {
    status: 404,
    retryable: false,
    message: {
      kk: "Жазба табылмады.",
      ru: "Запись не найдена.",
      en: "The record was not found.",
    },
  },
  version_must_match: {
    status: 409,
    retryable: false,
    message: {
      kk: "Жазбаны басқа біреу өзгертті. Жаңартып, қайта енгізіңіз.",
      ru: "Запись уже изменил кто-то другой. Обновите её и внесите изменения снова.",
      en: "Someone else has changed this record. Reload it and make your change again.",
    },
  },
  membership_must_exist: {
    status: 404,
    retryable: false,
    message: {
      kk: "Сіз бұл ұйымның мүшесі емессіз.",
      ru: "Вы не состоите в этой организации.",
      en: "You are not a member of this organization.",
    },
  },
  email_or_phone_must_be_given: {
    status: 422,
    retryable: false,
    message: {
      kk: "Электрондық поштаны немесе телефонды көрсетіңіз.",
      ru: "Укажите электронную почту или телефон.",
      en: "Give an email address or a phone number.",
    },
  },
  email_must_be_unique: {
    status: 409,
    retryable: false,
    message: {
      kk: "Бұл электрондық пошта басқа пайдаланушыда бар.",
      ru: "Эта электронная почта уже есть у другого пользователя.",
      en: "Another user already has this email address.",
    },
  },
  phone_must_be_unique: {
    status: 409,
    retryable: false,
    message: {
      kk: "Бұл телефон басқа пайдаланушыда бар.",
      ru: "Этот телефон уже есть у другого пользователя.",
      en: "Another user already has this phone number.",
    },
  },
  phone_must_be_valid: {
    status: 422,
    retryable: false,
    message: {
      kk: "Телефон нөмірі +7 701 234 56 78 түрінде болуы керек.",
      ru: "Номер телефона должен иметь вид +7 701 234 56 78.",
      en: "The phone number must look like +7 701 234 56 78.",
    },
  },
  entry_must_have_two_lines: {
    status: 422,
    retryable: false,
    message: {
      kk: "Проводкада кемінде екі жол болуы керек.",
      ru: "В проводке должно быть не меньше двух строк.",
      en: "A journal entry needs at least two lines.",
    },
  },
  entry_must_not_exceed_line_limit: {
    status: 422,
    retryable: false,
    message: {
      kk: "Проводкада ең көбі {maxLines} жол болады.",
      ru: "В проводке не больше {maxLines} строк.",
      en: "A journal entry has at most {maxLines} lines.",
    },
  },
  line_amount_must_be_positive: {
    status: 422,
    retryable: false,
    message: {
      kk: "{line}-жолдағы сома нөлден үлкен болуы керек.",
      ru: "Сумма в строке {line} должна быть больше нуля.",
      en: "The amount on line {line} must be more than zero.",
    },
  },
  entry_must_balance: {
    status: 422,
    retryable: false,
    message: {
      kk: "Дебет пен кредит тең емес: дебет {debitMinor}, кредит {creditMinor} тиын.",
      ru: "Дебет и кредит не равны: дебет {debitMinor}, кредит {creditMinor} тиын.",
      en: "Debits and credits differ: debits {debitMinor}, credits {creditMinor} tiyn.",
    },
  },
  narration_must_be_given: {
    status: 422,
    retryable: false,
    message: {
      kk: "Проводканың мазмұнын жазыңыз.",
      ru: "Укажите содержание проводки.",
      en: "Write what the entry is for.",
    },
  },
  book_must_exist: {
    status: 404,
    retryable: false,
    message: { kk: "Кітап табылмады.", ru: "Книга учёта не найдена.", en: "The book was not found." },
  },
  book_of_organization_must_be_unique: {
    status: 409,
    retryable: false,
    message: {
      kk: "Ұйымның бухгалтерлік кітабы бұрыннан бар.",
      ru: "Книга учёта организации уже существует.",
      en: "The organization already has its book.",
    },
  },
  account_must_exist: {
    status: 422,
    retryable: false,
    message: {
      kk: "{line}-жолдағы шот табылмады.",
      ru: "Счёт в строке {line} не найден.",
      en: "The account on line {line} was not found.",
    },
  },
  account_must_belong_to_book: {
    status: 422,
    retryable: false,
    message: {
      kk: "{line}-жолдағы шот басқа кітапқа жатады.",
      ru: "Счёт в строке {line} относится к другой книге.",
      en: "The account on line {line} belongs to another book.",
    },
  },
  account_must_take_postings: {
    status: 422,
    retryable: false,
    message: {
      kk: "{line}-жолдағы шот — топтаушы шот; оған жазуға болмайды.",
      ru: "Счёт в строке {line} — группировочный; на него нельзя проводить.",
      en: "The account on line {line} is a header and takes no postings.",
    },
  },
  account_must_be_active: {
    status: 422,
    retryable: false,
    message: {
      kk: "{line}-жолдағы шот жабылған.",
      ru: "Счёт в строке {line} закрыт.",
      en: "The account on line {line} is closed.",
    },
  },
  account_code_must_be_unique: {
    status: 409,
    retryable: false,
    message: {
      kk: "Бұл кітапта мұндай кодты шот бар.",
      ru: "В этой книге уже есть счёт с таким кодом.",
      en: "This book already has an account with this code.",
    },
  },
  account_parent_must_exist: {
    status: 422,
    retryable: false,
    message: {
      kk: "Жоғары тұрған шот осы кітаптан табылмады.",
      ru: "Вышестоящий счёт не найден в этой книге.",
      en: "The parent account was not found in this book.",
    },
  },
  account_type_must_match_parent: {
    status: 422,
    retryable: false,
    message: {
      kk: "Шоттың түрі жоғары тұрған шоттың түрімен бірдей болуы керек.",
      ru: "Тип счёта должен совпадать с типом вышестоящего счёта.",
      en: "An account's type must be its parent's type.",
    },
  },
  period_must_be_open: {
    status: 422,
    retryable: false,
    message: {
      kk: "{valueDate} кезеңі жабылған ({closedThrough} дейін қоса). Кезеңді ашу екінші адамның растауын қажет етеді.",
      ru: "Период {valueDate} закрыт (по {closedThrough} включительно). Открыть его можно с подтверждением второго человека.",
      en: "The period of {valueDate} is closed (through {closedThrough}). Reopening it needs a second person's approval.",
    },
  },
  period_end_must_be_month_end: {
    status: 422,
    retryable: false,
    message: {
      kk: "Кезең айдың соңғы күнімен жабылады.",
      ru: "Период закрывается последним днём месяца.",
      en: "A period is closed through the last day of a month.",
    },
  },
  period_must_follow_closed_periods: {
    status: 422,
    retryable: false,
    message: {
      kk: "Бұл кезең жабылған кезеңдердің ішінде тұр.",
      ru: "Этот период уже входит в закрытые.",
      en: "This period is already among the closed ones.",
    },
  },
  period_must_not_be_in_the_future: {
    status: 422,
    retryable: false,
    message: {
      kk: "Әлі аяқталмаған кезеңді жабуға болмайды.",
      ru: "Нельзя закрыть период, который ещё не закончился.",
      en: "A period that has not ended yet cannot be closed.",
    },
  },
  period_must_be_closed: {
    status: 422,
    retryable: false,
    message: {
      kk: "Бұл кезең жабылмаған.",
      ru: "Этот период не закрыт.",
      en: "This period is not closed.",
    },
  },
  entry_must_not_be_reversed_twice: {
    status: 409,
    retryable: false,
    message: {
      kk: "Бұл проводка бұрын сторнадан өткен.",
      ru: "Эта проводка уже сторнирована.",
      en: "This entry has already been reversed.",
    },
  },
  reversal_must_not_be_reversed: {
    status: 422,
    retryable: false,
    message: {
      kk: "Сторно проводкасын сторнолауға болмайды; жаңа проводка жасаңыз.",
      ru: "Сторно нельзя сторнировать; создайте новую проводку.",
      en: "A reversal cannot be reversed; post a new entry instead.",
    },
  },
  year_must_not_be_closed: {
    status: 409,
    retryable: false,
    message: {
      kk: "{year} жыл бұрын жабылған.",
      ru: "{year} год уже закрыт.",
      en: "The year {year} is already closed.",
    },
  },
  iin_must_be_unique: {
    status: 409,
    retryable: false,
    message: {
      kk: "Осы ЖСН-мен адам бұрыннан тіркелген.",
      ru: "Человек с этим ИИН уже зарегистрирован.",
      en: "A person with this IIN is already registered.",
    },
  },
  person_may_be_duplicate: {
    status: 409,
    retryable: false,
    message: {
      kk: "Бұл адам бұрыннан тіркелген болуы мүмкін. Ұқсас жазбаларды тексеріңіз.",
      ru: "Возможно, этот человек уже зарегистрирован. Проверьте похожие записи.",
      en: "This person may already be registered. Check the similar records.",
    },
  },
  person_must_not_be_merged: {
    status: 409,
    retryable: false,
    message: {
      kk: "Бұл жазба басқа жазбаға біріктірілген.",
      ru: "Эта запись объединена с другой.",
      en: "This record has been merged into another.",
    },
  },
  persons_must_differ: {
    status: 422,
    retryable: false,
    message: {
      kk: "Жазбаны өзімен біріктіруге болмайды.",
      ru: "Нельзя объединить запись саму с собой.",
      en: "A record cannot be merged with itself.",
    },
  },
  person_must_be_merged: {
    status: 409,
    retryable: false,
    message: {
      kk: "Бұл жазба біріктірілмеген.",
      ru: "Эта запись не объединена.",
      en: "This record has not been merged.",
    },
  },
  person_must_not_be_erased: {
    status: 409,
    retryable: false,
    message: {
      kk: "Бұл адамның жеке деректері жойылған.",
      ru: "Персональные данные этого человека удалены.",
      en: "This person's personal data has been erased.",
    },
  },
  consent_must_be_given: {
    status: 422,
    retryable: false,
    message: {
      kk: "Бұл әрекет үшін адамның келісімі жоқ ({purpose}).",
      ru: "Для этого действия нет согласия человека ({purpose}).",
      en: "The person has not consented to this ({purpose}).",
    },
  },
  consent_must_be_active: {
    status: 409,
    retryable: false,
    message: {
      kk: "Бұл келісім күшінде емес.",
      ru: "Это согласие не действует.",
      en: "This consent is not in force.",
    },
  },
  household_member_must_be_unique: {
    status: 409,
    retryable: false,
    message: {
      kk: "Бұл адам осы үй шаруашылығында бар.",
      ru: "Этот человек уже есть в этом домохозяйстве.",
      en: "This person is already in this household.",
    },
  },
  surname_must_be_given: {
    status: 422,
    retryable: false,
    message: { kk: "Тегін жазыңыз.", ru: "Укажите фамилию.", en: "Write the surname." },
  },
  given_name_must_be_given: {
    status: 422,
    retryable: false,
    message: { kk: "Атын жазыңыз.", ru: "Укажите имя.", en: "Write the given name." },
  },
  name_must_not_be_too_long: {
    status: 422,
    retryable: false,
    message: { kk: "Аты тым ұзын.", ru: "Имя слишком длинное.", en: "The name is too long." },
  },
  birth_date_must_not_be_in_the_future: {
    status: 422,
    retryable: false,
    message: {
      kk: "Туған күн болашақта бола алмайды.",
      ru: "Дата рождения не может быть в будущем.",
      en: "The birth date cannot be in the future.",
    },
  },
  iin_must_match_birth_date: {
    status: 422,
    retryable: false,
    message: {
      kk: "ЖСН туған күнмен сәйкес келмейді.",
      ru: "ИИН не совпадает с датой рождения.",
      en: "The IIN does not match the birth date.",
    },
  },
  iin_must_match_sex: {
    status: 422,
    retryable: false,
    message: {
      kk: "ЖСН жынысымен сәйкес келмейді.",
      ru: "ИИН не совпадает с полом.",
      en: "The IIN does not match the sex.",
    },
  },
  member_must_settle_loans_before_leaving: {
    status: 422,
    retryable: false,
    message: {
      kk: "Мүшенің қарызы ({owedMinor} тиын) жинағынан көп: шығар алдында өтеуі керек.",
      ru: "Долг участницы ({owedMinor} тиын) больше её сбережений: перед выходом его нужно погасить.",
      en: "The member owes more ({owedMinor} tiyn) than she has saved: she must repay before leaving.",
    },
  },
  meeting_must_not_be_reversed: {
    status: 409,
    retryable: false,
    message: {
      kk: "Бұл кездесу бұрын кері қайтарылған.",
      ru: "Эта встреча уже сторнирована.",
      en: "This meeting has already been reversed.",
    },
  },
  meeting_must_not_have_later_repayments: {
    status: 409,
    retryable: false,
    message: {
      kk: "Бұл кездесуде берілген қарыз кейінгі кездесулерде өтелген: алдымен соларды түзетіңіз.",
      ru: "Заём, выданный на этой встрече, погашался на следующих встречах: сначала исправьте их.",
      en: "A loan given at this meeting was repaid at later meetings: correct those first.",
    },
  },
  group_must_not_exceed_member_limit: {
    status: 422,
    retryable: false,
    message: {
      kk: "Топта ең көбі {maxMembers} мүше болады.",
      ru: "В группе может быть не больше {maxMembers} участниц.",
      en: "A group has at most {maxMembers} members.",
    },
  },
  meeting_id_must_be_unique: {
    status: 409,
    retryable: false,
    message: {
      kk: "Бұл кездесу нөмірі басқа кездесуге берілген.",
      ru: "Этот номер встречи уже занят другой встречей.",
      en: "This meeting id belongs to another meeting.",
    },
  },
  meeting_must_follow_last_meeting: {
    status: 422,
    retryable: false,
    message: {
      kk: "Кездесу соңғы жазылған кездесуден ({lastMeetingOn}) ерте болмауы керек.",
      ru: "Встреча не может быть раньше последней записанной ({lastMeetingOn}).",
      en: "A meeting cannot be dated before the last one recorded ({lastMeetingOn}).",
    },
  },
  bylaws_must_be_in_force: {
    status: 422,
    retryable: false,
    message: {
      kk: "Бұл күнге топтың жарғысы жоқ.",
      ru: "На эту дату у группы нет устава.",
      en: "The group has no bylaws in force on this date.",
    },
  },
  member_must_be_new_to_group: {
    status: 409,
    retryable: false,
    message: {
      kk: "Бұл адам топтың мүшесі.",
      ru: "Этот человек уже состоит в группе.",
      en: "This person is already a member of the group.",
    },
  },
  meeting_must_not_exceed_line_limit: {
    status: 422,
    retryable: false,
    message: {
      kk: "Кездесуде жолдар тым көп (ең көбі {maxLines}).",
      ru: "В встрече слишком много строк (не больше {maxLines}).",
      en: "The meeting has too many lines (at most {maxLines}).",
    },
  },
  member_must_be_active: {
    status: 422,
    retryable: false,
    message: {
      kk: "Бұл адам топтың белсенді мүшесі емес.",
      ru: "Этот человек не является активной участницей группы.",
      en: "This person is not an active member of the group.",
    },
  },
  member_must_appear_once: {
    status: 422,
    retryable: false,
    message: {
      kk: "Бір мүше бір тізімде бір рет қана болады.",
      ru: "Участница может быть в списке только один раз.",
      en: "A member may appear only once in a list.",
    },
  },
  amount_must_be_positive: {
    status: 422,
    retryable: false,
    message: {
      kk: "Сома нөлден үлкен болуы керек.",
      ru: "Сумма должна быть больше нуля.",
      en: "The amount must be more than zero.",
    },
  },
  savings_must_fit_methodology: {
    status: 422,
    retryable: false,
    message: {
      kk: "Өзіне-өзі көмек тобы жинақ салады, ал жинақ тобы үлес сатып алады.",
      ru: "Группа самопомощи вносит сбережения, а сберегательная группа покупает доли.",
      en: "A self-help group saves amounts; a savings group buys shares.",
    },
  },
  savings_must_match_bylaws_or_be_explained: {
    status: 422,
    retryable: false,
    message: {
      kk: "Жинақ сомасы жарғыдағыдан өзгеше: себебін жазыңыз.",
      ru: "Сумма сбережений отличается от устава: укажите причину.",
      en: "The saving differs from the bylaws: write why.",
    },
  },
  social_fund_must_match_bylaws_or_be_explained: {
    status: 422,
    retryable: false,
    message: {
      kk: "Әлеуметтік қор жарнасы жарғыдағыдан өзгеше: себебін жазыңыз.",
      ru: "Взнос в социальный фонд отличается от устава: укажите причину.",
      en: "The social fund contribution differs from the bylaws: write why.",
    },
  },
  fine_must_match_bylaws_or_be_explained: {
    status: 422,
    retryable: false,
    message: {
      kk: "Айыппұл сомасы жарғыдағыдан өзгеше: себебін жазыңыз.",
      ru: "Сумма штрафа отличается от устава: укажите причину.",
      en: "The fine differs from the bylaws: write why.",
    },
  },
  shares_must_fit_bylaws: {
    status: 422,
    retryable: false,
    message: {
      kk: "Бір кездесуде 1-ден {maxShares}-ге дейін үлес сатып алынады.",
      ru: "За встречу покупается от 1 до {maxShares} долей.",
      en: "From 1 to {maxShares} shares may be bought at a meeting.",
    },
  },
  loan_must_be_new: {
    status: 409,
    retryable: false,
    message: {
      kk: "Бұл қарыз бұрын берілген.",
      ru: "Этот заём уже выдан.",
      en: "This loan has already been given.",
    },
  },
  loan_must_fit_bylaws: {
    status: 422,
    retryable: false,
    message: {
      kk: "Қарыз жарғыға сай емес: ең көбі {maxMinor} тиын, {maxTermMonths} айға дейін.",
      ru: "Заём не соответствует уставу: не больше {maxMinor} тиын, срок до {maxTermMonths} мес.",
      en: "The loan does not fit the bylaws: at most {maxMinor} tiyn, for up to {maxTermMonths} months.",
    },
  },
  loan_must_not_exceed_fund: {
    status: 422,
    retryable: false,
    message: {
      kk: "Қорда ақша жетпейді: қарызға {availableMinor} тиын бар.",
      ru: "В фонде недостаточно денег: для займов есть {availableMinor} тиын.",
      en: "There is not enough money in the fund: {availableMinor} tiyn can be lent.",
    },
  },
  repayment_must_match_a_loan: {
    status: 422,
    retryable: false,
    message: {
      kk: "Бұл өтеу ешбір қарызға сәйкес келмейді.",
      ru: "Это погашение не относится ни к одному займу.",
      en: "This repayment matches no loan.",
    },
  },
  repayment_must_not_exceed_outstanding: {
    status: 422,
    retryable: false,
    message: {
      kk: "Өтеу қарыз қалдығынан ({outstandingMinor} тиын) көп.",
      ru: "Погашение больше остатка долга ({outstandingMinor} тиын).",
      en: "The repayment is more than what is owed ({outstandingMinor} tiyn).",
    },
  },
  cash_must_not_go_negative: {
    status: 422,
    retryable: false,
    message: {
      kk: "Касса теріс бола алмайды.",
      ru: "Касса не может уйти в минус.",
      en: "The cash box cannot go below zero.",
    },
  },
  cash_difference_must_be_explained: {
    status: 422,
    retryable: false,
    message: {
      kk: "Санаған қолма-қол ақша есептелгеннен {differenceMinor} тиынға өзгеше: себебін жазыңыз.",
      ru: "Пересчитанная касса отличается от расчётной на {differenceMinor} тиын: укажите причину.",
      en: "The cash counted differs from the cash computed by {differenceMinor} tiyn: write why.",
    },
  },
  share_price_must_be_positive: {
    status: 422,
    retryable: false,
    message: {
      kk: "Үлестің бағасы нөлден үлкен болуы керек.",
      ru: "Цена доли должна быть больше нуля.",
      en: "The share price must be more than zero.",
    },
  },
  shares_per_meeting_must_be_between_1_and_5: {
    status: 422,
    retryable: false,
    message: {
      kk: "Бір кездесудегі үлестер саны 1-ден 5-ке дейін.",
      ru: "Число долей за встречу — от 1 до 5.",
      en: "Shares per meeting must be from 1 to 5.",
    },
  },
  savings_per_meeting_must_not_be_negative: {
    status: 422,
    retryable: false,
    message: {
      kk: "Сомалар теріс болмауы керек.",
      ru: "Суммы не могут быть отрицательными.",
      en: "Amounts must not be negative.",
    },
  },
  loan_terms_must_be_sensible: {
    status: 422,
    retryable: false,
    message: {
      kk: "Қарыз шарттары ақылға қонымсыз.",
      ru: "Условия займов вне разумных пределов.",
      en: "The loan terms are out of reasonable bounds.",
    },
  },
  loans_must_be_recovered_before_share_out: {
    status: 422,
    retryable: false,
    message: {
      kk: "Бөлісуден бұрын барлық қарыздар қайтарылуы керек ({outstandingMinor} тиын қалды).",
      ru: "До раздела все займы должны быть возвращены (осталось {outstandingMinor} тиын).",
      en: "All loans must be recovered before the share-out ({outstandingMinor} tiyn left).",
    },
  },
  shares_must_exist_for_share_out: {
    status: 422,
    retryable: false,
    message: {
      kk: "Бұл циклде үлес сатып алынбаған.",
      ru: "В этом цикле доли не покупались.",
      en: "No shares were bought this cycle.",
    },
  },
  cash_must_cover_social_fund: {
    status: 422,
    retryable: false,
    message: {
      kk: "Касса әлеуметтік қорды жаппайды.",
      ru: "Касса не покрывает социальный фонд.",
      en: "The cash does not cover the social fund.",
    },
  },
  email_must_be_valid: {
    status: 422,
    retryable: false,
    message: {
      kk: "Электрондық пошта мекенжайы дұрыс емес.",
      ru: "Адрес электронной почты указан неверно.",
      en: "The email address is not valid.",
    },
  },
  current_password_must_match: {
    status: 422,
    retryable: false,
    message: {
      kk: "Қазіргі құпиясөз қате.",
      ru: "Текущий пароль указан неверно.",
      en: "The current password is wrong.",
    },
  },
  password_must_be_long_enough: {
    status: 422,
    retryable: false,
    message: {
      kk: "Құпиясөз кемінде {minLength} таңбадан тұруы керек.",
      ru: "Пароль должен содержать не меньше {minLength} символов.",
      en: "The password must have at least {minLength} characters.",
    },
  },
  password_must_not_be_too_long: {
    status: 422,
    retryable: false,
    message: {
      kk: "Құпиясөз {maxLength} таңбадан аспауы керек.",
      ru: "Пароль не должен быть длиннее {maxLength} символов.",
      en: "The password must not be longer than {maxLength} characters.",
    },
  },
  password_must_not_be_common: {
    status: 422,
    retryable: false,
    message: {
      kk: "Бұл құпиясөз тым оңай табылады. Бірнеше сөзден тұратын фразаны таңдаңыз.",
      ru: "Этот пароль слишком легко угадать. Выберите фразу из нескольких слов.",
      en: "This password is too easy to guess. Choose a phrase of several words.",
    },
  },
  bin_must_be_valid: {
    status: 422,
    retryable: false,
    message: {
      kk: "БСН 12 цифрдан тұрады және бақылау цифры сәйкес келуі керек.",
      ru: "БИН состоит из 12 цифр, и контрольная цифра должна сходиться.",
      en: "A BIN has 12 digits and its check digit must match.",
    },
  },
  region_must_exist: {
    status: 422,
    retryable: false,
    message: {
      kk: "Мұндай өңір жоқ.",
      ru: "Такого региона нет.",
      en: "There is no such region.",
    },
  },
  office_parent_must_exist: {
    status: 422,
    retryable: false,
    message: {
      kk: "Жоғары тұрған кеңсе табылмады.",
      ru: "Вышестоящий офис не найден.",
      en: "The parent office was not found.",
    },
  },
  office_must_not_be_its_own_ancestor: {
    status: 422,
    retryable: false,
    message: {
      kk: "Кеңсе өзінің немесе өзінің бөлімшесінің астында тұра алмайды.",
      ru: "Офис не может подчиняться самому себе или своему подразделению.",
      en: "An office cannot be placed under itself or one of its own branches.",
    },
  },
  scope_must_exist: {
    status: 422,
    retryable: false,
    message: {
      kk: "Рөлдің аясы (кеңсе, федерация немесе топ) табылмады.",
      ru: "Область действия роли (офис, федерация или группа) не найдена.",
      en: "The role's scope (office, federation or group) was not found.",
    },
  },
  organization_must_keep_an_administrator: {
    status: 409,
    retryable: false,
    message: {
      kk: "Ұйымда кемінде бір белсенді әкімші қалуы керек.",
      ru: "В организации должен остаться хотя бы один активный администратор.",
      en: "The organization must keep at least one active administrator.",
    },
  },
  token_permissions_must_be_held: {
    status: 403,
    retryable: false,
    message: {
      kk: "Токенге өзіңізде жоқ рұқсатты беру мүмкін емес: {permission}.",
      ru: "Нельзя дать токену право, которого нет у вас: {permission}.",
      en: "A token cannot be given a permission you do not hold: {permission}.",
    },
  },
  approval_must_be_pending: {
    status: 409,
    retryable: false,
    message: {
      kk: "Бұл әрекет бойынша шешім әлдеқашан қабылданған.",
      ru: "По этому действию уже принято решение.",
      en: "This action has already been decided.",
    },
  },
  approval_must_be_decided_by_another_user: {
    status: 403,
    retryable: false,
    message: {
      kk: "Өз әрекетіңізді өзіңіз растай алмайсыз: екінші адам керек.",
      ru: "Нельзя подтвердить собственное действие: нужен второй человек.",
      en: "You cannot approve your own action: a second person must.",
    },
  },
  approval_is_required: {
    status: 403,
    retryable: false,
    message: {
      kk: "Бұл әрекетті екінші адам растауы керек.",
      ru: "Это действие должен подтвердить второй человек.",
      en: "This action must be approved by a second person.",
    },
  },
  idempotency_key_must_match_request: {
    status: 422,
    retryable: false,
    message: {
      kk: "Бұл Idempotency-Key басқа сұрауға қолданылған.",
      ru: "Этот Idempotency-Key уже использован для другого запроса.",
      en: "This Idempotency-Key was already used for a different request.",
    },
  },
  idempotency_key_must_not_be_in_use: {
    status: 409,
    retryable: true,
    message: {
      kk: "Осы Idempotency-Key бар сұрау әлі орындалуда. Біраз күтіңіз.",
      ru: "Запрос с этим Idempotency-Key ещё выполняется. Подождите немного.",
      en: "A request with this Idempotency-Key is still running. Wait a little.",
    },
  },
  idempotency_key_must_be_valid: {
    status: 400,
    retryable: false,
    message: {
      kk: "Idempotency-Key 8–200 таңбадан тұруы керек (әріптер, цифрлар, - және _).",
      ru: "Idempotency-Key должен содержать 8–200 символов (буквы, цифры, - и _).",
      en: "An Idempotency-Key has 8–200 characters (letters, digits, - and _).",
    },
  },
} as const satisfies Record<CoreErrorCode, CatalogueEntry>;

export type ErrorCode =
  | CoreErrorCode
  | LoanErrorCode
  | LoanOperationErrorCode
  | FederationErrorCode
  | ProjectErrorCode
  | GroupCycleErrorCode;

export const catalogue: Readonly<Record<ErrorCode, CatalogueEntry>> = {
  ...coreCatalogue,
  ...loanErrorCatalogue,
  ...loanOperationErrorCatalogue,
  ...federationErrorCatalogue,
  ...projectErrorCatalogue,
  ...groupCycleErrorCatalogue,
};

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(catalogue, code);
}

/** Fills `{name}` placeholders from the details; unknown names stay as written. */
export function errorMessage(
  code: ErrorCode,
  locale: Locale,
  details: Readonly<Record<string, unknown>> = {},
): string {
  const template = catalogue[code].message[locale];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = details[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

/** Why one field of a request was refused, in words a person understands. */
export const fieldReasons = {
  required: { kk: "толтырылуы керек", ru: "обязательно для заполнения", en: "is required" },
  invalid_type: { kk: "түрі дұрыс емес", ru: "неверного типа", en: "has the wrong type" },
  invalid_format: { kk: "пішімі дұрыс емес", ru: "неверного формата", en: "has the wrong format" },
  invalid_value: {
    kk: "рұқсат етілген мәндердің бірі емес",
    ru: "не из допустимых значений",
    en: "is not one of the allowed values",
  },
  too_small: {
    kk: "тым кіші немесе тым қысқа",
    ru: "слишком мало или коротко",
    en: "is too small or too short",
  },
  too_big: {
    kk: "тым үлкен немесе тым ұзын",
    ru: "слишком велико или длинно",
    en: "is too large or too long",
  },
  unknown_field: { kk: "мұндай өріс жоқ", ru: "такого поля нет", en: "is not a known field" },
  invalid: { kk: "дұрыс емес", ru: "неверно", en: "is not valid" },
} as const satisfies Record<string, Readonly<Record<Locale, string>>>;

export type FieldReason = keyof typeof fieldReasons;

/** The shape of every error response body. */
export interface ErrorBody {
  readonly error: {
    readonly code: ErrorCode;
    readonly message: string;
    readonly details: Readonly<Record<string, unknown>>;
  };
}
