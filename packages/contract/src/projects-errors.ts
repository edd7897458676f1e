/**
 * Messages of the projects area's error codes (projects, budgets, beneficiaries, services, indicators) in
 * Kazakh, Russian and English. 409 when the request clashes with a record that exists; 422 when it is well
 * formed but breaks a rule. None is retryable: the same request gets the same answer.
 */
import type { BeneficiaryEligibilityError } from "@moldir/domain";
import type { CatalogueEntry } from "./errors";

export const projectErrorCodes = [
  "project_code_must_be_unique",
  "project_currency_must_be_known",
  "project_period_must_be_ordered",
  "project_book_must_belong_to_organization",
  "budget_account_must_be_expense",
  "beneficiary_must_meet_eligibility",
  "beneficiary_must_be_new_to_project",
  "date_must_be_in_project_period",
  "beneficiary_must_be_enrolled",
  "exit_must_follow_enrolment",
  "grant_must_have_value",
  "grant_accounts_must_exist",
  "attendance_must_name_each_person_once",
  "attendance_must_not_hold_grants",
  "indicator_period_must_be_ordered",
  "story_consent_must_allow_sharing",
  "child_must_be_under_18",
  "child_must_be_new_to_center",
  "mother_must_belong_to_household",
  "child_must_attend_center",
  "training_period_must_be_ordered",
  "participant_must_be_new_to_session",
  "participant_must_belong_to_group",
  "attendance_must_not_exceed_session_days",
  "certificate_must_follow_full_attendance",
  "indicator_window_must_name_months",
  "indicator_measure_must_fit_events",
  "indicator_conditions_must_be_few",
  "indicator_project_must_exist",
  "indicator_name_must_be_unique",
  "indicator_definitions_must_be_few",
  "roll_call_day_must_be_in_session",
  "roll_call_must_name_participants",
] as const satisfies readonly (string | BeneficiaryEligibilityError)[];

export type ProjectErrorCode = (typeof projectErrorCodes)[number];

const rule = (kk: string, ru: string, en: string): CatalogueEntry => ({
  status: 422,
  retryable: false,
  message: { kk, ru, en },
});
const clash = (kk: string, ru: string, en: string): CatalogueEntry => ({
  status: 409,
  retryable: false,
  message: { kk, ru, en },
});

export const projectErrorCatalogue = {
  project_code_must_be_unique: clash(
    "«{code}» коды бар жоба бұрыннан бар.",
    "Проект с кодом «{code}» уже есть.",
    "A project with the code “{code}” already exists.",
  ),
  project_currency_must_be_known: rule(
    "Донордың валютасы белгісіз: {currency}.",
    "Неизвестная валюта донора: {currency}.",
    "The donor's currency is not known: {currency}.",
  ),
  project_period_must_be_ordered: rule(
    "Жобаның аяқталу күні басталу күнінен ерте болмауы керек.",
    "Дата окончания проекта не может быть раньше даты начала.",
    "A project cannot end before it starts.",
  ),
  project_book_must_belong_to_organization: rule(
    "Жобаның бюджеті мен көмегі ұйымның өз кітабына жазылады (топтың емес): кітапты көрсетіңіз.",
    "Бюджет и помощь проекта проводятся в книге самой организации (не группы): укажите книгу.",
    "A project's budget and grants are posted to the organization's own book (not a group's): name it.",
  ),
  budget_account_must_be_expense: rule(
    "Бюджеттің {line}-жолы кітаптағы шығыс шотына жазылуы керек (тақырып емес).",
    "Строка бюджета {line} должна ссылаться на счёт расходов этой книги (не заголовок).",
    "Budget line {line} must name an expense account of the book (not a header).",
  ),
  beneficiary_must_meet_eligibility: rule(
    "Адам жобаның талаптарына сай емес: {criterion}.",
    "Человек не соответствует условиям проекта: {criterion}.",
    "The person does not meet the project's eligibility criteria: {criterion}.",
  ),
  beneficiary_must_be_new_to_project: clash(
    "Бұл адам жобаға бұрыннан тіркелген.",
    "Этот человек уже участвует в проекте.",
    "This person is already enrolled in the project.",
  ),
  date_must_be_in_project_period: rule(
    "«{field}» күні жоба мерзімінде болуы керек ({from} – {to}).",
    "Дата «{field}» должна входить в срок проекта ({from} – {to}).",
    "The date “{field}” must fall within the project's period ({from} – {to}).",
  ),
  beneficiary_must_be_enrolled: rule(
    "Адам ол күні жобаға тіркелмеген ({row}-жол).",
    "В этот день человек не участвовал в проекте (строка {row}).",
    "The person was not enrolled in the project on that date (row {row}).",
  ),
  exit_must_follow_enrolment: rule(
    "Шығу күні тіркелу күнінен ерте болмауы керек.",
    "Дата выбытия не может быть раньше даты зачисления.",
    "An exit cannot be dated before the enrolment.",
  ),
  grant_must_have_value: rule(
    "Қаржылай көмектің сомасы нөлден артық болуы керек.",
    "Сумма финансовой помощи должна быть больше нуля.",
    "A financial assistance grant must have an amount above zero.",
  ),
  grant_accounts_must_exist: rule(
    "Жобаның кітабында «{purpose}» шоты жоқ: көмекті жазуға болмайды.",
    "В книге проекта нет счёта «{purpose}»: помощь нельзя провести.",
    "The project's book has no “{purpose}” account, so the grant cannot be posted.",
  ),
  attendance_must_name_each_person_once: rule(
    "Қатысу парағында бір адам екі рет жазылған ({row}-жол).",
    "В листе посещаемости человек указан дважды (строка {row}).",
    "The attendance sheet names a person twice (row {row}).",
  ),
  attendance_must_not_hold_grants: rule(
    "Қаржылай көмек қатысу парағымен емес, әр адамға жеке жазылады.",
    "Финансовая помощь вносится отдельно на каждого, не листом посещаемости.",
    "A grant is recorded for each person alone, not from an attendance sheet.",
  ),
  indicator_period_must_be_ordered: rule(
    "Кезеңнің соңы басынан ерте болмауы керек.",
    "Конец периода не может быть раньше начала.",
    "The period cannot end before it starts.",
  ),
  story_consent_must_allow_sharing: rule(
    "Әңгіме адамның жобаға келісімі үшінші тұлғаларға беруге рұқсат еткенде ғана жазылады.",
    "История записывается, только если согласие человека на проект разрешает передачу третьим лицам.",
    "A story is recorded only when the person's consent to the project allows sharing with third parties.",
  ),
  child_must_be_under_18: rule(
    "Орталыққа 18 жасқа толмаған бала ғана тіркеледі (туған күні көрсетілуі керек).",
    "В центр записывают только детей до 18 лет (с указанной датой рождения).",
    "Only a child under 18, with a birth date on record, is registered at the center.",
  ),
  child_must_be_new_to_center: clash(
    "Бұл бала орталыққа бұрыннан тіркелген.",
    "Этот ребёнок уже записан в центр.",
    "This child is already registered at the center.",
  ),
  mother_must_belong_to_household: rule(
    "Анасы баланың үй шаруашылығының мүшесі болуы керек.",
    "Мать должна быть членом домохозяйства ребёнка.",
    "The mother must be a member of the child's household.",
  ),
  child_must_attend_center: rule(
    "Бала ол күні орталыққа тіркелмеген ({row}-жол).",
    "Ребёнок не был записан в центр в этот день (строка {row}).",
    "The child was not registered at the center on that day (row {row}).",
  ),
  training_period_must_be_ordered: rule(
    "Оқудың аяқталу күні басталу күнінен ерте болмауы керек.",
    "Обучение не может закончиться раньше, чем началось.",
    "A training session cannot end before it starts.",
  ),
  participant_must_be_new_to_session: clash(
    "Бұл адам оқуға бұрыннан жазылған.",
    "Этот человек уже записан на обучение.",
    "This person is already a participant of the session.",
  ),
  participant_must_belong_to_group: rule(
    "Қатысушы көрсетілген топтың мүшесі емес.",
    "Участница не состоит в указанной группе.",
    "The participant is not a member of the group named.",
  ),
  attendance_must_not_exceed_session_days: rule(
    "Қатысқан күндер оқу күндерінен ({days}) көп болмауы керек.",
    "Дней посещения не может быть больше дней обучения ({days}).",
    "Days attended cannot exceed the session's days ({days}).",
  ),
  certificate_must_follow_full_attendance: rule(
    "Сертификат оқудың кемінде {days} күніне қатысқанға беріледі.",
    "Сертификат выдаётся за посещение не менее {days} дн. обучения.",
    "A certificate needs at least {days} days of the session attended.",
  ),
  indicator_window_must_name_months: rule(
    "{condition}-шарт: «кейін» не «бұрын» терезесі айлар санын көрсетеді, «кез келген уақыт» көрсетпейді.",
    "Условие {condition}: окно «после» или «до» указывает число месяцев, «в любое время» — нет.",
    "Condition {condition}: an “after” or “before” window names its months, “any time” does not.",
  ),
  indicator_measure_must_fit_events: rule(
    "Сомасы тек құны бар оқиғалар бойынша есептеледі (қызметтер, қарыздар, жинақтар).",
    "Сумму можно считать только по событиям со стоимостью (услуги, займы, сбережения).",
    "A sum of value needs events that have one (services, loans, savings).",
  ),
  indicator_conditions_must_be_few: rule(
    "Көрсеткіште {max} шарттан көп болмайды.",
    "У показателя не может быть больше {max} условий.",
    "An indicator has at most {max} conditions.",
  ),
  indicator_project_must_exist: rule(
    "Көрсеткіште аталған жоба ұйымда жоқ.",
    "Проект, указанный в показателе, не найден в организации.",
    "A project the indicator names does not exist in the organization.",
  ),
  indicator_name_must_be_unique: clash(
    "Жобада «{name}» атты көрсеткіш бұрыннан бар.",
    "В проекте уже есть показатель «{name}».",
    "The project already has an indicator named “{name}”.",
  ),
  indicator_definitions_must_be_few: rule(
    "Жобада {max} көрсеткіштен көп болмайды.",
    "В проекте не может быть больше {max} показателей.",
    "A project has at most {max} built indicators.",
  ),
  roll_call_day_must_be_in_session: rule(
    "{day} күні оқу күндеріне кірмейді.",
    "День {day} не входит в дни обучения.",
    "The day {day} is not one of the session's days.",
  ),
  roll_call_must_name_participants: rule(
    "Тізімде оқуға жазылмаған адам бар ({row}-жол).",
    "В списке есть человек, не записанный на обучение (строка {row}).",
    "The roll call names someone who is not a participant (row {row}).",
  ),
} as const satisfies Record<ProjectErrorCode, CatalogueEntry>;
