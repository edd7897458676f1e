import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/EmptyState.css";
import "@mantine/core/styles/Badge.css";
import { Alert, Anchor, Badge, Button, EmptyState, Paper, Stack, Table } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { useApiRequest, useErrorMessage } from "../api/use-api";
import { formatPercent } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { LoansTrail, moneyCell, useMoney } from "./loan-parts";
import { type LoanProduct, loanApi, loanPaths, productName, useLoanProducts } from "./loans-api";

/** The organization's loan products; a loan officer creates, stops and resumes them here. */
export default function ProductsPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const mayManage = hasPermission(session, "loans.manage");
  const products = useLoanProducts();
  return (
    <Stack gap={0}>
      <LoansTrail />
      <PageHeader
        title={t("loans.products.title")}
        description={t("loans.products.description")}
        actions={
          mayManage ? (
            <Button component={Link} href={loanPaths.newProduct}>
              {t("loans.products.new")}
            </Button>
          ) : undefined
        }
      />
      <ResourceView resource={products.resource} onRetry={products.reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Paper withBorder p="md">
              <EmptyState
                title={t("loans.products.empty")}
                description={mayManage ? t("loans.products.emptyHint") : undefined}
              />
            </Paper>
          ) : (
            <ProductsTable products={items} mayManage={mayManage} onChanged={products.reload} />
          )
        }
      </ResourceView>
    </Stack>
  );
}

function ProductsTable({
  products,
  mayManage,
  onChanged,
}: {
  readonly products: readonly LoanProduct[];
  readonly mayManage: boolean;
  readonly onChanged: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  const toggle = async (product: LoanProduct) => {
    setError(null);
    try {
      await request(loanApi.product(product.id), { method: "PATCH", body: { active: !product.active } });
      onChanged();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  return (
    <Stack gap="sm">
      {error !== null && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={860}>
        <Table striped verticalSpacing="sm" aria-label={t("loans.products.title")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("loans.products.code")}</Table.Th>
              <Table.Th>{t("loans.products.name")}</Table.Th>
              <Table.Th>{t("loans.products.clientKind")}</Table.Th>
              <Table.Th>{t("loans.products.rate")}</Table.Th>
              <Table.Th style={moneyCell}>{t("loans.products.limits")}</Table.Th>
              <Table.Th>{t("loans.products.state")}</Table.Th>
              {mayManage && <Table.Th>{t("common.actions")}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {products.map((product) => (
              <Table.Tr key={product.id}>
                <Table.Td>
                  <Anchor component={Link} href={loanPaths.product(product.id)} fw={500}>
                    {product.code}
                  </Anchor>
                </Table.Td>
                <Table.Td>{productName(product, locale)}</Table.Td>
                <Table.Td>{t(`loans.products.clientKinds.${product.clientKind}`)}</Table.Td>
                <Table.Td>
                  {`${formatPercent(product.settings.interestRatePercent, locale)} ${t(`calculator.options.interestRatePer.${product.settings.interestRatePer}`)}`}
                </Table.Td>
                <Table.Td style={moneyCell}>
                  {`${money(product.settings.minPrincipalMinor)} – ${money(product.settings.maxPrincipalMinor)}`}
                  <br />
                  {`${product.settings.minInstallments}–${product.settings.maxInstallments}`}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" tt="none" color={product.active ? "green" : "gray"}>
                    {product.active ? t("loans.products.active") : t("loans.products.stopped")}
                  </Badge>
                </Table.Td>
                {mayManage && (
                  <Table.Td>
                    <Button size="compact-sm" variant="subtle" onClick={() => void toggle(product)}>
                      {product.active ? t("loans.products.stop") : t("loans.products.resume")}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
