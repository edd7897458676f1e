import "@mantine/core/styles/SimpleGrid.css";
import "@mantine/core/styles/InlineInput.css";
import "@mantine/core/styles/Checkbox.css";
import "@mantine/core/styles/Table.css";
import {
  Alert,
  Button,
  Checkbox,
  NativeSelect,
  Paper,
  Group as Row,
  SimpleGrid,
  Stack,
  Table,
  TextInput,
  Title,
} from "@mantine/core";
import {
  allocationOrders,
  amortizations,
  daysInMonthBases,
  daysInYearBases,
  interestCalculationPeriods,
  interestMethods,
  interestRatePers,
  repaymentFrequencies,
  roundingModes,
} from "@moldir/domain";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useParams } from "wouter";
import { ApiError } from "../api/client";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { formatInstant } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { problem } from "../layout/problem";
import { ResourceView } from "../layout/resource-view";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { LoansTrail } from "./loan-parts";
import { type LoanProduct, loanApi, loanPaths, productName } from "./loans-api";
import {
  defaultProductDraft,
  draftOfSettings,
  type FeeKind,
  type ProductDraft,
  type ProductField,
  productServerFields,
  readNewProduct,
  readProductSettings,
} from "./product-form";

type ProductWithVersions = LoanProduct & {
  versions: { version: number; createdAt: string; approvedBy: string | null }[];
};

/** A new product (no id in the path) or an existing one, whose settings change as a new version. */
export default function ProductPage() {
  const params = useParams<{ productId?: string }>();
  return params.productId === undefined ? <NewProduct /> : <ExistingProduct productId={params.productId} />;
}

function NewProduct() {
  const { t } = useTranslation();
  return (
    <Stack gap={0}>
      <LoansTrail />
      <PageHeader title={t("loans.productForm.createTitle")} description={t("loans.products.description")} />
      <ProductForm product={null} />
    </Stack>
  );
}

function ExistingProduct({ productId }: { readonly productId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const product = useApiResource<ProductWithVersions>(loanApi.product(productId));
  return (
    <ResourceView resource={product.resource} onRetry={product.reload}>
      {(loaded) => (
        <Stack gap={0}>
          <LoansTrail />
          <PageHeader
            title={t("loans.productForm.editTitle", { code: loaded.code })}
            description={`${productName(loaded, locale)} · ${t("loans.products.version", { version: loaded.version })}`}
          />
          <ProductForm product={loaded} />
          <Paper withBorder p="md" mt="md">
            <Title order={2} size="h4" mb="sm">
              {t("loans.productForm.versions")}
            </Title>
            <Table aria-label={t("loans.productForm.versions")}>
              <Table.Tbody>
                {loaded.versions.map((version) => (
                  <Table.Tr key={version.version}>
                    <Table.Td>{t("loans.products.version", { version: version.version })}</Table.Td>
                    <Table.Td>{formatInstant(version.createdAt, locale)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </Stack>
      )}
    </ResourceView>
  );
}

function ProductForm({ product }: { readonly product: LoanProduct | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [, navigate] = useLocation();
  const session = useSignedInSession();
  const mayManage = hasPermission(session, "loans.manage");
  const [draft, setDraft] = useState<ProductDraft>(() =>
    product === null
      ? defaultProductDraft()
      : {
          ...defaultProductDraft(),
          code: product.code,
          nameKk: product.names.kk,
          nameRu: product.names.ru,
          nameEn: product.names.en,
          clientKind: product.clientKind,
          loanKind: product.loanKind,
          ...draftOfSettings(product.settings, locale),
        },
  );
  const [isTried, setIsTried] = useState(false);
  const [isSaving, setIsSaving] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; field: ProductField | null } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const isNew = product === null;
  const read = isNew ? readNewProduct(draft, locale) : null;
  const readSettings = readProductSettings(draft, locale);
  const problems = read?.problems ?? readSettings.problems;

  const fieldProblem = (field: ProductField) => {
    const code = problems.get(field);
    if (isTried && code !== undefined) return t(`loans.productForm.problems.${code}`);
    return refusal?.field === field ? refusal.message : undefined;
  };
  const set = <K extends keyof ProductDraft>(field: K, value: ProductDraft[K]) =>
    setDraft((current) => ({ ...current, [field]: value }));
  const text = (field: Exclude<ProductField, `fees.${number}`>, label: string, description?: string) => (
    <TextInput
      label={label}
      description={description}
      value={String(draft[field])}
      disabled={!mayManage || (!isNew && ["code", "nameKk", "nameRu", "nameEn"].includes(field))}
      onChange={(event) => {
        const value = event.currentTarget.value;
        setDraft((current) => ({ ...current, [field]: value }));
      }}
      {...problem(fieldProblem(field))}
    />
  );
  const choice = <K extends keyof ProductDraft, V extends string>(
    field: K,
    label: string,
    values: readonly V[],
    labelOf: (value: V) => string,
    locked = false,
  ) => (
    <NativeSelect
      label={label}
      data={values.map((value) => ({ value, label: labelOf(value) }))}
      value={String(draft[field])}
      disabled={!mayManage || locked}
      onChange={(event) => {
        const value = values.find((candidate) => candidate === event.currentTarget.value);
        if (value !== undefined) setDraft((current) => ({ ...current, [field]: value }));
      }}
    />
  );

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setIsTried(true);
    setNotice(null);
    const body = isNew
      ? read?.body
      : readSettings.settings === null
        ? null
        : { version: product.version, settings: readSettings.settings };
    if (body === null || body === undefined) {
      setRefusal({ message: t("loans.productForm.fixFields"), field: null });
      return;
    }
    setIsSaving(true);
    setRefusal(null);
    try {
      if (isNew) {
        await request<LoanProduct>(loanApi.products, { method: "POST", body });
        navigate(loanPaths.products);
      } else {
        await request(loanApi.productSettings(product.id), { method: "PUT", body });
        setNotice(t("loans.productForm.changeSent"));
      }
    } catch (caught) {
      const field =
        caught instanceof ApiError && caught.field !== null
          ? (productServerFields[caught.field] ?? null)
          : null;
      setRefusal({ message: errorMessage(caught), field });
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={(event) => void save(event)}>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          {text("code", t("loans.products.code"))}
          {choice(
            "clientKind",
            t("loans.products.clientKind"),
            ["individual", "joint_liability", "shg"] as const,
            (value) => t(`loans.products.clientKinds.${value}`),
            !isNew,
          )}
          {choice(
            "loanKind",
            t("loans.products.loanKind"),
            ["mfo_microloan", "bank_loan", "federation_loan", "group_internal_loan"] as const,
            (value) => t(`loans.products.loanKinds.${value}`),
            !isNew,
          )}
          {text("nameKk", t("loans.productForm.nameKk"))}
          {text("nameRu", t("loans.productForm.nameRu"))}
          {text("nameEn", t("loans.productForm.nameEn"))}
        </SimpleGrid>
        <Title order={2} size="h5">
          {t("loans.productForm.limits")}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
          {text("minPrincipalText", t("loans.productForm.minPrincipal"))}
          {text("maxPrincipalText", t("loans.productForm.maxPrincipal"))}
          {text("minInstallmentsText", t("loans.productForm.minInstallments"))}
          {text("maxInstallmentsText", t("loans.productForm.maxInstallments"))}
        </SimpleGrid>
        <Title order={2} size="h5">
          {t("calculator.sections.interest")}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          {text("interestRateText", t("calculator.fields.interestRatePercent"))}
          {choice("interestRatePer", t("calculator.fields.interestRatePer"), interestRatePers, (value) =>
            t(`calculator.options.interestRatePer.${value}`),
          )}
          {choice("interestMethod", t("calculator.fields.interestMethod"), interestMethods, (value) =>
            t(`calculator.options.interestMethod.${value}`),
          )}
          {choice("amortization", t("calculator.fields.amortization"), amortizations, (value) =>
            t(`calculator.options.amortization.${value}`),
          )}
          {choice(
            "interestCalculationPeriod",
            t("calculator.fields.interestCalculationPeriod"),
            interestCalculationPeriods,
            (value) => t(`calculator.options.interestCalculationPeriod.${value}`),
          )}
          {choice("daysInYear", t("calculator.fields.daysInYear"), daysInYearBases, (value) =>
            t(`calculator.options.daysInYear.${value}`),
          )}
          {choice("daysInMonth", t("calculator.fields.daysInMonth"), daysInMonthBases, (value) =>
            t(`calculator.options.daysInMonth.${value}`),
          )}
        </SimpleGrid>
        <Title order={2} size="h5">
          {t("calculator.sections.repayment")}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          {text("repaymentEveryText", t("calculator.fields.repaymentEvery"))}
          {choice(
            "repaymentFrequency",
            t("calculator.fields.repaymentFrequency"),
            repaymentFrequencies,
            (value) => t(`calculator.options.repaymentFrequency.${value}`),
          )}
          {text("graceOnPrincipalText", t("calculator.fields.graceOnPrincipalPeriods"))}
          {text("graceOnInterestText", t("calculator.fields.graceOnInterestPaymentPeriods"))}
          {text("interestFreeText", t("calculator.fields.interestFreePeriods"))}
        </SimpleGrid>
        <Title order={2} size="h5">
          {t("calculator.sections.rounding")}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          {choice("roundingMode", t("calculator.fields.roundingMode"), roundingModes, (value) =>
            t(`calculator.options.roundingMode.${value}`),
          )}
          {text(
            "amountMultipleText",
            t("calculator.fields.amountMultiple"),
            t("calculator.fields.amountMultipleHint", { currency: "₸" }),
          )}
          {text(
            "installmentMultipleText",
            t("calculator.fields.installmentMultiple"),
            t("calculator.fields.installmentMultipleHint", { currency: "₸" }),
          )}
        </SimpleGrid>
        <Fees draft={draft} setDraft={setDraft} fieldProblem={fieldProblem} disabled={!mayManage} />
        <Title order={2} size="h5">
          {t("loans.productForm.penalty")}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          {text("penaltyText", t("loans.productForm.penaltyPercentPerDay"))}
          {choice("allocationOrder", t("loans.productForm.allocationOrder"), allocationOrders, (value) =>
            t(`loans.productForm.allocationOrders.${value}`),
          )}
          {choice(
            "payoffInterest",
            t("loans.productForm.payoffInterest"),
            ["till_payoff_date", "whole_period"] as const,
            (value) => t(`loans.productForm.payoffInterests.${value}`),
          )}
        </SimpleGrid>
        <Checkbox
          label={t("loans.productForm.interestRecalculation")}
          checked={draft.interestRecalculation}
          disabled={!mayManage}
          onChange={(event) => set("interestRecalculation", event.currentTarget.checked)}
        />
        {refusal !== null && refusal.field === null && (
          <Alert color="red" role="alert">
            {refusal.message}
          </Alert>
        )}
        {notice !== null && (
          <Alert color="teal" role="status">
            {notice}
          </Alert>
        )}
        {mayManage && (
          <Row gap="xs">
            <Button type="submit" loading={isSaving}>
              {isNew ? t("loans.productForm.create") : t("loans.productForm.saveChange")}
            </Button>
          </Row>
        )}
        {!isNew && mayManage && (
          <Alert color="gray" variant="light">
            {t("loans.productForm.editHint", { version: product.version + 1 })}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

const feeKinds: readonly FeeKind[] = ["upfront_amount", "upfront_percent", "per_installment"];

function Fees({
  draft,
  setDraft,
  fieldProblem,
  disabled,
}: {
  readonly draft: ProductDraft;
  readonly setDraft: (update: (current: ProductDraft) => ProductDraft) => void;
  readonly fieldProblem: (field: ProductField) => string | undefined;
  readonly disabled: boolean;
}) {
  const { t } = useTranslation();
  const change = (index: number, fee: Partial<ProductDraft["fees"][number]>) =>
    setDraft((current) => ({
      ...current,
      fees: current.fees.map((existing, at) => (at === index ? { ...existing, ...fee } : existing)),
    }));
  return (
    <Stack gap="xs">
      <Title order={2} size="h5">
        {t("calculator.sections.fees")}
      </Title>
      {draft.fees.map((fee, index) => (
        <Row
          // Fees have no identity of their own: their place is their name ("Fee 2").
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          key={index}
          gap="sm"
          align="flex-end"
          role="group"
          aria-label={t("calculator.fees.legend", { number: index + 1 })}
        >
          <NativeSelect
            label={t("calculator.fees.kind")}
            data={feeKinds.map((kind) => ({ value: kind, label: t(`calculator.fees.kinds.${kind}`) }))}
            value={fee.kind}
            disabled={disabled}
            onChange={(event) =>
              change(index, {
                kind: feeKinds.find((kind) => kind === event.currentTarget.value) ?? "upfront_amount",
              })
            }
          />
          <TextInput
            label={
              fee.kind === "upfront_percent" ? t("calculator.fees.percent") : t("calculator.fees.amount")
            }
            value={fee.valueText}
            disabled={disabled}
            onChange={(event) => change(index, { valueText: event.currentTarget.value })}
            {...problem(fieldProblem(`fees.${index}`))}
          />
          {!disabled && (
            <Button
              variant="subtle"
              color="red"
              onClick={() =>
                setDraft((current) => ({ ...current, fees: current.fees.filter((_, at) => at !== index) }))
              }
            >
              {t("calculator.fees.remove", { number: index + 1 })}
            </Button>
          )}
        </Row>
      ))}
      {!disabled && draft.fees.length < 10 && (
        <Button
          variant="light"
          w="fit-content"
          onClick={() =>
            setDraft((current) => ({
              ...current,
              fees: [...current.fees, { kind: "upfront_amount", valueText: "" }],
            }))
          }
        >
          {t("calculator.fees.add")}
        </Button>
      )}
    </Stack>
  );
}
