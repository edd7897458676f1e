/**
 * Everything held about a person as a readable A4 PDF in Kazakh, Russian or English, for her right of access:
 * her record, households, consents, roles across Moldir, and the history of her record. The IIN arrives
 * already masked unless the reader may see it. Printed with the embedded DejaVu font (docs/adr/0005-exports.md).
 */
import { type Locale, plainDate } from "@moldir/domain";
import PDFDocument from "pdfkit";
import { pdfFonts } from "../exports/fonts";
import { formatDate, formatInstant } from "../exports/i18n";
import type { PersonRoleEvent, PersonRoleKind } from "./roles";

type Words = Readonly<Record<Locale, string>>;

const words = {
  title: {
    kk: "Жеке деректер: Moldir-де сақталған мәліметтер",
    ru: "Персональные данные: сведения, хранящиеся в Moldir",
    en: "Personal data: what Moldir holds",
  },
  organization: { kk: "Ұйым", ru: "Организация", en: "Organization" },
  generatedAt: { kk: "Жасалған уақыты", ru: "Сформировано", en: "Generated" },
  generatedBy: { kk: "Жасаған", ru: "Сформировал(а)", en: "By" },
  record: { kk: "Жеке мәліметтер", ru: "Личные сведения", en: "Personal record" },
  name: { kk: "Аты-жөні", ru: "ФИО", en: "Name" },
  nameLatin: { kk: "Латынша", ru: "Латиницей", en: "In Latin letters" },
  sex: { kk: "Жынысы", ru: "Пол", en: "Sex" },
  female: { kk: "әйел", ru: "женский", en: "female" },
  male: { kk: "ер", ru: "мужской", en: "male" },
  birthDate: { kk: "Туған күні", ru: "Дата рождения", en: "Birth date" },
  iin: { kk: "ЖСН", ru: "ИИН", en: "IIN" },
  phones: { kk: "Телефондар", ru: "Телефоны", en: "Phones" },
  address: { kk: "Мекенжайы", ru: "Адрес", en: "Address" },
  region: { kk: "Өңір", ru: "Регион", en: "Region" },
  documents: { kk: "Құжаттар", ru: "Документы", en: "Documents" },
  vulnerabilities: { kk: "Осалдық белгілері", ru: "Уязвимость", en: "Vulnerability" },
  incomeBand: { kk: "Табыс деңгейі", ru: "Уровень дохода", en: "Income band" },
  dependants: { kk: "Асырауындағылар", ru: "Иждивенцы", en: "Dependants" },
  languages: { kk: "Тілдері", ru: "Языки", en: "Languages" },
  erased: {
    kk: "Жеке деректер оның өтініші бойынша жойылды (бүркеншік атпен ауыстырылды).",
    ru: "Персональные данные удалены по её заявлению (заменены псевдонимом).",
    en: "Personal data erased at her request (replaced by a pseudonym).",
  },
  households: { kk: "Үй шаруашылықтары", ru: "Домохозяйства", en: "Households" },
  consents: { kk: "Келісімдер", ru: "Согласия", en: "Consents" },
  given: { kk: "берілді", ru: "дано", en: "given" },
  until: { kk: "дейін", ru: "до", en: "until" },
  withdrawn: { kk: "кері қайтарылды", ru: "отозвано", en: "withdrawn" },
  thirdParties: { kk: "үшінші тұлғаларға беруге болады", ru: "передача третьим лицам", en: "third parties" },
  crossBorder: { kk: "шетелге беруге болады", ru: "трансграничная передача", en: "across borders" },
  roles: { kk: "Рөлдері", ru: "Роли", en: "Roles" },
  history: { kk: "Жазбаның тарихы", ru: "История записи", en: "History of the record" },
  none: { kk: "жоқ", ru: "нет", en: "none" },
} as const satisfies Record<string, Words>;

const roleWords: Readonly<Record<PersonRoleKind, Words>> = {
  group_member: {
    kk: "Өзін-өзі қолдау тобының мүшесі",
    ru: "Член группы самопомощи",
    en: "Self-help group member",
  },
  borrower: { kk: "Микрокредит алушы", ru: "Заёмщик микрокредита", en: "Micro-credit borrower" },
  beneficiary: { kk: "Жоба қатысушысы", ru: "Участница проекта", en: "Project beneficiary" },
  training: { kk: "Оқу қатысушысы", ru: "Участница обучения", en: "Training participant" },
  center_child: {
    kk: "Балалар орталығының баласы",
    ru: "Ребёнок детского центра",
    en: "Child at the children's center",
  },
  center_mother: {
    kk: "Балалар орталығындағы баланың анасы",
    ru: "Мать ребёнка в детском центре",
    en: "Mother of a child at the children's center",
  },
};

export interface PersonPdfInput {
  readonly locale: Locale;
  readonly organization: string;
  readonly timeZone: string;
  readonly generatedAt: Date;
  readonly generatedBy: string;
  readonly person: {
    readonly name: string;
    readonly nameLatin: string;
    readonly sex: "female" | "male";
    readonly birthDate: string | null;
    /** Masked unless the reader may see it. */
    readonly iin: string | null;
    readonly phones: readonly string[];
    readonly address: string | null;
    readonly regionId: string | null;
    readonly documents: readonly { kind: string; number: string; issuedOn?: string | null }[];
    readonly vulnerabilities: readonly string[];
    readonly incomeBand: string | null;
    readonly dependants: number | null;
    readonly languages: readonly string[];
    readonly isErased: boolean;
  };
  readonly households: readonly { name: string; relationship: string }[];
  readonly consents: readonly {
    purpose: string;
    givenOn: string;
    validUntil: string | null;
    withdrawnOn: string | null;
    allowsThirdParties: boolean;
    allowsCrossBorder: boolean;
  }[];
  readonly roles: readonly PersonRoleEvent[];
  readonly history: readonly { at: Date; action: string }[];
}

export async function renderPersonPdf(input: PersonPdfInput): Promise<Buffer> {
  const { locale, person } = input;
  const w = (key: keyof typeof words) => words[key][locale];
  const date = (text: string | null) => (text === null ? "—" : formatDate(plainDate(text), locale));
  const fonts = pdfFonts();
  const doc = new PDFDocument({
    size: "A4",
    margin: 48,
    lang: locale,
    info: { Title: `${w("title")} — ${person.name}`, Creator: "Moldir", Author: input.organization },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  doc.registerFont("regular", fonts.regular);
  doc.registerFont("bold", fonts.bold);
  const line = (label: string, value: string) => {
    doc.font("bold").fontSize(10).text(`${label}: `, { continued: true });
    doc.font("regular").text(value === "" ? "—" : value);
  };
  const section = (title: string, entries: readonly string[]) => {
    doc.moveDown(0.8);
    doc.font("bold").fontSize(12).text(title);
    doc.moveDown(0.2);
    doc.font("regular").fontSize(10);
    if (entries.length === 0) doc.text(w("none"));
    for (const entry of entries) doc.text(`• ${entry}`);
  };

  doc.font("bold").fontSize(14).text(w("title"), { align: "center" });
  doc.moveDown(0.8);
  line(w("organization"), input.organization);
  line(w("generatedAt"), formatInstant(input.generatedAt, input.timeZone));
  line(w("generatedBy"), input.generatedBy);

  doc.moveDown(0.8);
  doc.font("bold").fontSize(12).text(w("record"));
  doc.moveDown(0.2);
  if (person.isErased) doc.font("regular").fontSize(10).text(w("erased"));
  line(w("name"), person.name);
  line(w("nameLatin"), person.nameLatin);
  line(w("sex"), w(person.sex));
  line(w("birthDate"), date(person.birthDate));
  line(w("iin"), person.iin ?? "—");
  line(w("phones"), person.phones.join(", "));
  line(w("address"), person.address ?? "");
  line(w("region"), person.regionId ?? "");
  line(
    w("documents"),
    person.documents
      .map((d) => `${d.kind} ${d.number}${d.issuedOn ? ` (${date(d.issuedOn)})` : ""}`)
      .join("; "),
  );
  line(w("vulnerabilities"), person.vulnerabilities.join(", "));
  line(w("incomeBand"), person.incomeBand ?? "");
  line(w("dependants"), person.dependants === null ? "" : String(person.dependants));
  line(w("languages"), person.languages.join(", "));

  section(
    w("households"),
    input.households.map((h) => `${h.name} (${h.relationship})`),
  );
  section(
    w("consents"),
    input.consents.map((c) =>
      [
        `${c.purpose}: ${w("given")} ${date(c.givenOn)}`,
        c.validUntil === null ? null : `${w("until")} ${date(c.validUntil)}`,
        c.withdrawnOn === null ? null : `${w("withdrawn")} ${date(c.withdrawnOn)}`,
        c.allowsThirdParties ? w("thirdParties") : null,
        c.allowsCrossBorder ? w("crossBorder") : null,
      ]
        .filter((part) => part !== null)
        .join(", "),
    ),
  );
  section(
    w("roles"),
    input.roles.map(
      (r) =>
        `${roleWords[r.kind][locale]}: ${r.label} — ${date(r.from)} – ${r.until === null ? "…" : date(r.until)}${r.detail === null ? "" : ` (${r.detail})`}`,
    ),
  );
  section(
    w("history"),
    input.history.map((h) => `${formatInstant(h.at, input.timeZone)} ${h.action}`),
  );
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
