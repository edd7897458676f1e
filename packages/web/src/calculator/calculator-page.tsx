import "@mantine/core/styles/ScrollArea.css";
import "@mantine/core/styles/Combobox.css";
import "@mantine/core/styles/EmptyState.css";
import "@mantine/core/styles/Fieldset.css";
import "@mantine/core/styles/SimpleGrid.css";
import "@mantine/core/styles/Table.css";
import { Alert, EmptyState, Stack, Text, Title } from "@mantine/core";
import { plainDateAt } from "@moldir/domain";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";
import { useApiRequest, useErrorMessage } from "../api/use-api";
import { useLocale } from "../i18n/use-locale";
import { useDocumentTitle } from "../layout/use-document-title";
import {
  type CalculatorFormValues,
  type FieldMessage,
  feeValueField,
  initialCalculatorValues,
  normalizeFieldPath,
  relocalizeAmounts,
  toCalculatorRequest,
} from "./calculator-form";
import { CalculatorFormView } from "./calculator-form-view";
import type {
  CalculatorCurrency,
  LoanCalculatorRequest,
  LoanCalculatorResponse,
} from "./loan-calculator-contract";
import { ScheduleResults } from "./schedule-results";

/** A field's problem: found by the form itself (translated when shown) or sent by the server (already in the reader's language). */
type FieldProblem = FieldMessage | { readonly text: string };

interface Calculation {
  readonly currency: CalculatorCurrency;
  readonly result: LoanCalculatorResponse;
}

/** Request fields the form shows an input for; a server error naming another field goes to the alert. */
const formFields: ReadonlySet<string> = new Set<keyof LoanCalculatorRequest>([
  "currency",
  "principalMinor",
  "disbursementDate",
  "firstRepaymentDate",
  "installments",
  "repaymentEvery",
  "repaymentFrequency",
  "interestRatePercent",
  "interestRatePer",
  "interestMethod",
  "amortization",
  "interestCalculationPeriod",
  "daysInYear",
  "daysInMonth",
  "roundingMode",
  "amountMultipleMinor",
  "installmentMultipleMinor",
  "graceOnPrincipalPeriods",
  "graceOnInterestPaymentPeriods",
  "interestFreePeriods",
  "downPaymentPercent",
  "fees",
]);

/** The public loan calculator (`/calculator`): no sign-in, the same numbers as `npx moldir schedule`. */
export default function CalculatorPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("calculator.title"));
  const locale = useLocale();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [values, setValues] = useState<CalculatorFormValues>(() =>
    initialCalculatorValues(
      locale,
      plainDateAt(Date.now(), Intl.DateTimeFormat().resolvedOptions().timeZone),
    ),
  );
  const [problems, setProblems] = useState<Readonly<Record<string, FieldProblem>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [calculation, setCalculation] = useState<Calculation | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const formRef = useRef<HTMLDivElement>(null);
  const resultsHeadingRef = useRef<HTMLHeadingElement>(null);
  const inFlight = useRef<AbortController | null>(null);
  const shownLocale = useRef(locale);

  useEffect(() => {
    if (shownLocale.current === locale) return;
    const from = shownLocale.current;
    shownLocale.current = locale;
    setValues((current) => relocalizeAmounts(current, from, locale));
  }, [locale]);

  const errorOf = (field: string): string | undefined => {
    const problem = problems[field];
    if (problem === undefined) return undefined;
    return "text" in problem ? problem.text : t(problem.key, problem.values ?? {});
  };

  const isShownField = (field: string): boolean => {
    if (formFields.has(field)) return true;
    const fee = /^fees\.(\d+)(?:\.(kind|amountMinor|percent))?$/.exec(field);
    const index = Number(fee?.[1] ?? -1);
    const row = values.fees[index];
    if (fee === null || row === undefined) return false;
    const part = fee[2];
    return part === undefined || part === "kind" || feeValueField(index, row.kind) === field;
  };

  const focusFirstProblem = () => {
    // After React has rendered the messages: move the keyboard to the first field that needs fixing.
    requestAnimationFrame(() => {
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    });
  };

  const calculate = async () => {
    const read = toCalculatorRequest(values, locale);
    setFormError(null);
    if (!read.ok) {
      setProblems(read.errors);
      focusFirstProblem();
      return;
    }
    setProblems({});
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setIsSubmitting(true);
    try {
      const result = await request<LoanCalculatorResponse>("/api/v1/loan-calculator", {
        method: "POST",
        body: read.request,
        signal: controller.signal,
      });
      setCalculation({ currency: read.request.currency, result });
      requestAnimationFrame(() => resultsHeadingRef.current?.focus());
    } catch (error) {
      if (controller.signal.aborted) return;
      const field =
        error instanceof ApiError && error.field !== null ? normalizeFieldPath(error.field) : null;
      if (field !== null && isShownField(field)) {
        setProblems({ [field]: { text: errorMessage(error) } });
        focusFirstProblem();
      } else {
        setFormError(errorMessage(error));
      }
    } finally {
      if (inFlight.current === controller) {
        inFlight.current = null;
        setIsSubmitting(false);
      }
    }
  };

  return (
    <Stack gap="lg" maw={1400}>
      <div>
        <Title order={1}>{t("calculator.title")}</Title>
        <Text c="dimmed" mt={4}>
          {t("calculator.intro")}
        </Text>
      </div>

      <div ref={formRef}>
        <CalculatorFormView
          values={values}
          onChange={setValues}
          errorOf={errorOf}
          isSubmitting={isSubmitting}
          onSubmit={() => void calculate()}
        />
      </div>

      {formError !== null && (
        <Alert color="red" title={t("calculator.errors.failed")} role="alert">
          {formError}
        </Alert>
      )}
      {Object.keys(problems).length > 0 && formError === null && (
        <Text c="red" size="sm" role="status">
          {t("calculator.errors.fixFields")}
        </Text>
      )}

      {calculation === null ? (
        <EmptyState
          withIndicatorBackground
          icon={<TableIcon />}
          title={t("calculator.empty.title")}
          description={t("calculator.empty.description")}
        />
      ) : (
        <ScheduleResults
          result={calculation.result}
          currency={calculation.currency}
          locale={locale}
          headingRef={resultsHeadingRef}
        />
      )}
    </Stack>
  );
}

function TableIcon() {
  return (
    <svg
      width="28"
      height="28"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden
    >
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <path d="M3 10h18M3 15h18M9 4v16" />
    </svg>
  );
}
