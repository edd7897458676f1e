import {
  Button,
  CloseButton,
  Fieldset,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { roundingModes } from "@moldir/domain";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { problem } from "../layout/problem";
import {
  type CalculatorFormValues,
  type FeeFormValues,
  type FeeKind,
  feeKinds,
  feesPerCalculationMax,
  feeValueField,
} from "./calculator-form";
import {
  amortizations,
  calculatorCurrencies,
  daysInMonthBases,
  daysInYearBases,
  interestCalculationPeriods,
  interestMethods,
  interestRatePers,
  repaymentFrequencies,
} from "./loan-calculator-contract";

export interface CalculatorFormViewProps {
  readonly values: CalculatorFormValues;
  readonly onChange: (values: CalculatorFormValues) => void;
  /** The message to show at a field, by the request's field name; undefined when the field is fine. */
  readonly errorOf: (field: string) => string | undefined;
  readonly isSubmitting: boolean;
  readonly onSubmit: () => void;
}

/** The calculator's inputs in six groups, in the order a loan officer reads a loan agreement. */
export function CalculatorFormView({
  values,
  onChange,
  errorOf,
  isSubmitting,
  onSubmit,
}: CalculatorFormViewProps) {
  const { t } = useTranslation();
  const set =
    <K extends keyof CalculatorFormValues>(key: K) =>
    (value: CalculatorFormValues[K]) =>
      onChange({ ...values, [key]: value });
  const text = (key: TextKey) => ({
    value: values[key],
    onChange: (event: { currentTarget: { value: string } }) => set(key)(event.currentTarget.value),
  });

  return (
    <form
      noValidate
      aria-label={t("calculator.title")}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          <Section legend={t("calculator.sections.loan")}>
            <EnumSelect
              label={t("calculator.fields.currency")}
              options={calculatorCurrencies}
              optionLabel={(code) => code}
              value={values.currency}
              onChange={set("currency")}
              error={errorOf("currency")}
            />
            <TextInput
              label={t("calculator.fields.principal")}
              description={t("calculator.fields.principalHint", { currency: values.currency })}
              inputMode="decimal"
              autoComplete="off"
              required
              {...text("principal")}
              {...problem(errorOf("principalMinor"))}
            />
            <TextInput
              type="date"
              label={t("calculator.fields.disbursementDate")}
              required
              {...text("disbursementDate")}
              {...problem(errorOf("disbursementDate"))}
            />
            <TextInput
              type="date"
              label={t("calculator.fields.firstRepaymentDate")}
              description={t("calculator.fields.firstRepaymentDateHint")}
              {...text("firstRepaymentDate")}
              {...problem(errorOf("firstRepaymentDate"))}
            />
          </Section>

          <Section legend={t("calculator.sections.repayment")}>
            <TextInput
              label={t("calculator.fields.installments")}
              inputMode="numeric"
              required
              {...text("installments")}
              {...problem(errorOf("installments"))}
            />
            <Group grow align="flex-start" gap="sm">
              <TextInput
                label={t("calculator.fields.repaymentEvery")}
                inputMode="numeric"
                required
                {...text("repaymentEvery")}
                {...problem(errorOf("repaymentEvery"))}
              />
              <EnumSelect
                label={t("calculator.fields.repaymentFrequency")}
                options={repaymentFrequencies}
                optionLabel={(value) => t(`calculator.options.repaymentFrequency.${value}`)}
                value={values.repaymentFrequency}
                onChange={set("repaymentFrequency")}
                error={errorOf("repaymentFrequency")}
              />
            </Group>
            <EnumSelect
              label={t("calculator.fields.amortization")}
              options={amortizations}
              optionLabel={(value) => t(`calculator.options.amortization.${value}`)}
              value={values.amortization}
              onChange={set("amortization")}
              error={errorOf("amortization")}
            />
          </Section>

          <Section legend={t("calculator.sections.interest")}>
            <TextInput
              label={t("calculator.fields.interestRatePercent")}
              inputMode="decimal"
              required
              {...text("interestRatePercent")}
              {...problem(errorOf("interestRatePercent"))}
            />
            <EnumSelect
              label={t("calculator.fields.interestRatePer")}
              options={interestRatePers}
              optionLabel={(value) => t(`calculator.options.interestRatePer.${value}`)}
              value={values.interestRatePer}
              onChange={set("interestRatePer")}
              error={errorOf("interestRatePer")}
            />

            <EnumSelect
              label={t("calculator.fields.interestMethod")}
              options={interestMethods}
              optionLabel={(value) => t(`calculator.options.interestMethod.${value}`)}
              value={values.interestMethod}
              onChange={set("interestMethod")}
              error={errorOf("interestMethod")}
            />
            <EnumSelect
              label={t("calculator.fields.interestCalculationPeriod")}
              options={interestCalculationPeriods}
              optionLabel={(value) => t(`calculator.options.interestCalculationPeriod.${value}`)}
              value={values.interestCalculationPeriod}
              onChange={set("interestCalculationPeriod")}
              error={errorOf("interestCalculationPeriod")}
            />
            <Group grow align="flex-start" gap="sm">
              <EnumSelect
                label={t("calculator.fields.daysInYear")}
                options={daysInYearBases}
                optionLabel={(value) => t(`calculator.options.daysInYear.${value}`)}
                value={values.daysInYear}
                onChange={set("daysInYear")}
                error={errorOf("daysInYear")}
              />
              <EnumSelect
                label={t("calculator.fields.daysInMonth")}
                options={daysInMonthBases}
                optionLabel={(value) => t(`calculator.options.daysInMonth.${value}`)}
                value={values.daysInMonth}
                onChange={set("daysInMonth")}
                error={errorOf("daysInMonth")}
              />
            </Group>
          </Section>

          <Section legend={t("calculator.sections.rounding")}>
            <EnumSelect
              label={t("calculator.fields.roundingMode")}
              options={roundingModes}
              optionLabel={(value) => t(`calculator.options.roundingMode.${value}`)}
              value={values.roundingMode}
              onChange={set("roundingMode")}
              error={errorOf("roundingMode")}
            />
            <TextInput
              label={t("calculator.fields.amountMultiple")}
              description={t("calculator.fields.amountMultipleHint", { currency: values.currency })}
              inputMode="decimal"
              required
              {...text("amountMultiple")}
              {...problem(errorOf("amountMultipleMinor"))}
            />
            <TextInput
              label={t("calculator.fields.installmentMultiple")}
              description={t("calculator.fields.installmentMultipleHint", { currency: values.currency })}
              inputMode="decimal"
              {...text("installmentMultiple")}
              {...problem(errorOf("installmentMultipleMinor"))}
            />
          </Section>

          <Section legend={t("calculator.sections.grace")}>
            <TextInput
              label={t("calculator.fields.graceOnPrincipalPeriods")}
              inputMode="numeric"
              {...text("graceOnPrincipalPeriods")}
              {...problem(errorOf("graceOnPrincipalPeriods"))}
            />
            <TextInput
              label={t("calculator.fields.graceOnInterestPaymentPeriods")}
              inputMode="numeric"
              {...text("graceOnInterestPaymentPeriods")}
              {...problem(errorOf("graceOnInterestPaymentPeriods"))}
            />
            <TextInput
              label={t("calculator.fields.interestFreePeriods")}
              inputMode="numeric"
              {...text("interestFreePeriods")}
              {...problem(errorOf("interestFreePeriods"))}
            />
            <TextInput
              label={t("calculator.fields.downPaymentPercent")}
              description={t("calculator.fields.downPaymentPercentHint")}
              inputMode="decimal"
              {...text("downPaymentPercent")}
              {...problem(errorOf("downPaymentPercent"))}
            />
          </Section>

          <Section legend={t("calculator.sections.fees")}>
            <FeesEditor fees={values.fees} onChange={set("fees")} errorOf={errorOf} />
          </Section>
        </SimpleGrid>
        <Group>
          <Button type="submit" size="md" loading={isSubmitting}>
            {t("calculator.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type TextKey = {
  [K in keyof CalculatorFormValues]: CalculatorFormValues[K] extends string ? K : never;
}[keyof CalculatorFormValues];

function Section({ legend, children }: { readonly legend: string; readonly children: ReactNode }) {
  return (
    <Fieldset legend={legend} variant="filled">
      <Stack gap="sm">{children}</Stack>
    </Fieldset>
  );
}

interface EnumSelectProps<V extends string> {
  readonly label: string;
  readonly options: readonly V[];
  readonly optionLabel: (value: V) => string;
  readonly value: V;
  readonly onChange: (value: V) => void;
  readonly error: string | undefined;
}

/** A native select: the phone's own picker, and arrow keys on a keyboard. */
function EnumSelect<V extends string>({
  label,
  options,
  optionLabel,
  value,
  onChange,
  error,
}: EnumSelectProps<V>) {
  return (
    <NativeSelect
      label={label}
      data={options.map((option) => ({ value: option, label: optionLabel(option) }))}
      value={value}
      {...problem(error)}
      onChange={(event) => {
        const chosen = options.find((option) => option === event.currentTarget.value);
        if (chosen !== undefined) onChange(chosen);
      }}
    />
  );
}

interface FeesEditorProps {
  readonly fees: readonly FeeFormValues[];
  readonly onChange: (fees: readonly FeeFormValues[]) => void;
  readonly errorOf: (field: string) => string | undefined;
}

function FeesEditor({ fees, onChange, errorOf }: FeesEditorProps) {
  const { t } = useTranslation();
  const update = (index: number, change: Partial<FeeFormValues>) =>
    onChange(fees.map((fee, at) => (at === index ? { ...fee, ...change } : fee)));
  const add = () => {
    const key = fees.reduce((max, fee) => Math.max(max, fee.key), 0) + 1;
    onChange([...fees, { key, kind: "upfront_percent", value: "" }]);
  };
  return (
    <>
      {fees.length === 0 && (
        <Text size="sm" c="dimmed">
          {t("calculator.fees.empty")}
        </Text>
      )}
      {errorOf("fees") !== undefined && (
        <Text size="sm" c="red" role="alert">
          {errorOf("fees")}
        </Text>
      )}
      {fees.map((fee, index) => {
        const number = index + 1;
        return (
          <Fieldset key={fee.key} legend={t("calculator.fees.legend", { number })} p="sm">
            <Stack gap="xs">
              <Group gap="xs" wrap="nowrap" align="flex-end">
                <NativeSelect
                  style={{ flex: 1 }}
                  label={t("calculator.fees.kind")}
                  data={feeKinds.map((kind) => ({ value: kind, label: t(`calculator.fees.kinds.${kind}`) }))}
                  value={fee.kind}
                  {...problem(errorOf(`fees.${index}.kind`))}
                  onChange={(event) => {
                    const kind = feeKinds.find((option) => option === event.currentTarget.value);
                    if (kind !== undefined) update(index, { kind: kind satisfies FeeKind });
                  }}
                />
                <CloseButton
                  size="lg"
                  mb={4}
                  aria-label={t("calculator.fees.remove", { number })}
                  onClick={() => onChange(fees.filter((_, at) => at !== index))}
                />
              </Group>
              <TextInput
                label={
                  fee.kind === "upfront_percent" ? t("calculator.fees.percent") : t("calculator.fees.amount")
                }
                inputMode="decimal"
                required
                value={fee.value}
                onChange={(event) => update(index, { value: event.currentTarget.value })}
                {...problem(errorOf(feeValueField(index, fee.kind)) ?? errorOf(`fees.${index}`))}
              />
            </Stack>
          </Fieldset>
        );
      })}
      <Group>
        <Button variant="light" size="xs" onClick={add} disabled={fees.length >= feesPerCalculationMax}>
          {t("calculator.fees.add")}
        </Button>
      </Group>
    </>
  );
}
