/**
 * The error catalogue: every expected error has a snake_case code, an HTTP status, a message in Kazakh,
 * Russian and English, and whether retrying can help (the offline outbox retries only those).
 *
 * Codes come from the domain (which never mentions HTTP) and from the HTTP layer. `catalogue` is checked
 * by the compiler against the union of all codes, so a code without an entry does not build.
 * Messages may name values from `details` as `{name}`; details never carry personal data.
 */
import type { IinError, Locale, ParseMoneyError } from "@moldir/domain";

/** Errors of the HTTP layer itself. */
export const httpErrorCodes = [
  "request_must_be_valid",
  "body_must_be_valid_json",
  "body_must_not_exceed_limit",
  "content_type_must_be_supported",
  "route_must_exist",
  "request_rate_must_stay_within_limit",
  "service_must_be_ready",
  "internal_error",
] as const;

export type HttpErrorCode = (typeof httpErrorCodes)[number];

export type ErrorCode = HttpErrorCode | ParseMoneyError | IinError | "date_must_be_valid";

export interface CatalogueEntry {
  readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 500 | 503;
  readonly retryable: boolean;
  readonly message: Readonly<Record<Locale, string>>;
}

export const catalogue = {
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
} as const satisfies Record<ErrorCode, CatalogueEntry>;

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
