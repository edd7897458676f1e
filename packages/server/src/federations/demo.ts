/**
 * The federations of the demo: the association's tiers (a cluster federation in Talgar with two village
 * organizations, each with its own book, and a community investment fund capitalized by a donor) and the
 * network's list of partners — the association, which shares its aggregates, and a rural NGO that is not on
 * Moldir yet. Loaded with the rest of the demo, in its transaction.
 */
import type { Tx } from "@moldir/db";
import { plainDate } from "@moldir/domain";
import { newId } from "../identity/secrets";
import { accountForPurpose, createBook } from "../ledger/books";
import { postEntries } from "../ledger/posting";

const nodes = [
  { key: "cluster", parent: null, level: "cluster", name: "Талғар кластерлік федерациясы" },
  { key: "besagash", parent: "cluster", level: "village", name: "Бесағаш ауылдық ұйымы" },
  { key: "tuzdybastau", parent: "cluster", level: "village", name: "Тұздыбастау ауылдық ұйымы" },
] as const;

export async function seedFederationsDemo(trx: Tx, orgIds: { network: string; ngo: string }): Promise<void> {
  const ids = new Map<string, { id: string; bookId: string }>();
  for (const node of nodes) {
    const id = newId();
    const bookId = await createBook(trx, {
      orgId: orgIds.ngo,
      template: "federation",
      ownerKind: "federation_node",
      groupId: null,
      federationNodeId: id,
      names: { kk: node.name, ru: node.name, en: node.name },
      currency: "KZT",
    });
    await trx
      .insertInto("federation_nodes")
      .values({
        org_id: orgIds.ngo,
        id,
        parent_id: node.parent === null ? null : (ids.get(node.parent)?.id ?? null),
        level: node.level,
        name: node.name,
        region_id: "KZ-19-TALGAR",
        formed_on: "2024-09-01",
        book_id: bookId,
      })
      .execute();
    ids.set(node.key, { id, bookId });
  }
  // A donor's grant capitalizes the first village organization's community investment fund.
  const village = ids.get("besagash");
  if (village !== undefined) {
    const cash = await accountForPurpose(trx, orgIds.ngo, village.bookId, "cash");
    const capital = await accountForPurpose(trx, orgIds.ngo, village.bookId, "cif_capital");
    if (cash !== undefined && capital !== undefined)
      await postEntries(trx, { orgId: orgIds.ngo, userId: null }, [
        {
          bookId: village.bookId,
          valueDate: plainDate("2024-10-01"),
          source: { type: "demo", id: null },
          narration:
            "Донордың гранты: қоғамдық инвестициялар қоры / Грант донора: фонд общественных инвестиций",
          lines: [
            { accountId: cash, side: "debit", amountMinor: 200_000_000n },
            { accountId: capital, side: "credit", amountMinor: 200_000_000n },
          ],
        },
      ]);
  }
  const partners = [
    {
      partner_org_id: orgIds.ngo,
      name: "«Мөлдір» әйелдер қауымдастығы",
      kind: "ngo" as const,
      region_id: "KZ-75",
      contact_name: "Гүлнар Әбдірахманова",
      contact_phone: "+77270000000",
      agreement_from: "2010-03-01",
    },
    {
      partner_org_id: null,
      name: "«Жаңа өмір» қоғамдық бірлестігі",
      kind: "ngo" as const,
      region_id: "KZ-19-TALGAR",
      contact_name: "Мария Сергеевна Ли",
      contact_phone: "+77011112233",
      agreement_from: "2023-05-15",
    },
  ];
  for (const partner of partners)
    await trx
      .insertInto("network_partners")
      .values({
        org_id: orgIds.network,
        id: newId(),
        ...partner,
        contact_email: null,
        agreement_until: null,
      })
      .execute();
}
