import "@mantine/core/styles/Tabs.css";
import "@mantine/core/styles/Badge.css";
import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/EmptyState.css";
import "@mantine/core/styles/Paper.css";
import {
  Alert,
  Badge,
  Button,
  EmptyState,
  Group,
  Paper,
  Stack,
  Tabs,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import type { Approval } from "@moldir/contract";
import { limits } from "@moldir/domain";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Resource, useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { formatInstant } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { approvalActionText } from "../organization/approval-action-label";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { ApprovalSummary } from "./approval-summary";

type Tab = "pending" | "decided";

/** Actions waiting for a second person, and those already decided. */
export default function ApprovalsPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>("pending");
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Stack gap={0}>
      <PageHeader title={t("approvals.title")} description={t("approvals.description")} />
      {notice !== null && (
        <Alert
          color="teal"
          role="status"
          mb="md"
          withCloseButton
          onClose={() => setNotice(null)}
          closeButtonLabel={t("common.close")}
        >
          {notice}
        </Alert>
      )}
      <Tabs
        value={tab}
        onChange={(value) => setTab(value === "decided" ? "decided" : "pending")}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="pending">{t("approvals.pendingTab")}</Tabs.Tab>
          <Tabs.Tab value="decided">{t("approvals.decidedTab")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="pending">
          <PendingApprovals onDecided={setNotice} />
        </Tabs.Panel>
        <Tabs.Panel value="decided">
          <DecidedApprovals />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function PendingApprovals({ onDecided }: { readonly onDecided: (notice: string) => void }) {
  const { t } = useTranslation();
  const pending = useApiResource<{ items: Approval[] }>("/api/v1/approvals?status=pending");
  return (
    <ResourceView resource={pending.resource} onRetry={pending.reload}>
      {({ items }) =>
        items.length === 0 ? (
          <EmptyState
            title={t("approvals.noPendingTitle")}
            description={t("approvals.noPendingDescription")}
          />
        ) : (
          <Stack gap="md">
            {items.map((approval) => (
              <ApprovalCard
                key={approval.id}
                approval={approval}
                onDecided={(notice) => {
                  onDecided(notice);
                  pending.reload();
                }}
              />
            ))}
          </Stack>
        )
      }
    </ResourceView>
  );
}

/** Approved and rejected together, the latest decision first. */
function DecidedApprovals() {
  const { t } = useTranslation();
  const approved = useApiResource<{ items: Approval[] }>("/api/v1/approvals?status=approved");
  const rejected = useApiResource<{ items: Approval[] }>("/api/v1/approvals?status=rejected");
  const decided = combine(approved.resource, rejected.resource);
  const reload = () => {
    approved.reload();
    rejected.reload();
  };
  return (
    <ResourceView resource={decided} onRetry={reload}>
      {(items) =>
        items.length === 0 ? (
          <EmptyState
            title={t("approvals.noDecidedTitle")}
            description={t("approvals.noDecidedDescription")}
          />
        ) : (
          <Stack gap="md">
            {items.map((approval) => (
              <ApprovalCard key={approval.id} approval={approval} />
            ))}
          </Stack>
        )
      }
    </ResourceView>
  );
}

function combine(
  a: Resource<{ items: Approval[] }>,
  b: Resource<{ items: Approval[] }>,
): Resource<Approval[]> {
  if (a.status === "failed") return a;
  if (b.status === "failed") return b;
  if (a.status === "loading" || b.status === "loading") return { status: "loading" };
  const items = [...a.data.items, ...b.data.items].sort((x, y) =>
    (y.decidedAt ?? "").localeCompare(x.decidedAt ?? ""),
  );
  return { status: "loaded", data: items };
}

interface ApprovalCardProps {
  readonly approval: Approval;
  /** Given for a pending approval the person may decide. */
  readonly onDecided?: (notice: string) => void;
}

function ApprovalCard({ approval, onDecided }: ApprovalCardProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const action = approvalActionText(approval.action, t);
  const headingId = `approval-${approval.id}`;
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} fz="h4" id={headingId}>
              {action}
            </Title>
            <Text size="sm" c="dimmed">
              {t("approvals.madeBy", {
                name: approval.makerName,
                at: formatInstant(approval.madeAt, locale),
              })}
            </Text>
          </div>
          <StatusBadge status={approval.status} />
        </Group>
        <ApprovalSummary summary={approval.summary} />
        {approval.status !== "pending" && (
          <Text size="sm">
            {t("approvals.decidedBy", {
              name: approval.checkerName ?? "—",
              at: approval.decidedAt === null ? "—" : formatInstant(approval.decidedAt, locale),
            })}
            {approval.comment !== null && approval.comment !== "" && (
              <>
                <br />
                {t("approvals.commentWas", { comment: approval.comment })}
              </>
            )}
          </Text>
        )}
        {approval.status === "pending" && onDecided !== undefined && (
          <DecisionForm approval={approval} actionName={action} onDecided={onDecided} />
        )}
      </Stack>
    </Paper>
  );
}

function StatusBadge({ status }: { readonly status: Approval["status"] }) {
  const { t } = useTranslation();
  switch (status) {
    case "pending":
      return (
        <Badge color="yellow" variant="light" tt="none">
          {t("approvals.status.pending")}
        </Badge>
      );
    case "approved":
      return (
        <Badge color="teal" variant="light" tt="none">
          {t("approvals.status.approved")}
        </Badge>
      );
    case "rejected":
      return (
        <Badge color="red" variant="light" tt="none">
          {t("approvals.status.rejected")}
        </Badge>
      );
  }
}

interface DecisionFormProps {
  readonly approval: Approval;
  readonly actionName: string;
  readonly onDecided: (notice: string) => void;
}

/** Approve or reject, with an optional comment. The person who asked cannot decide her own request. */
function DecisionForm({ approval, actionName, onDecided }: DecisionFormProps) {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [deciding, setDeciding] = useState<"approve" | "reject" | null>(null);
  if (!hasPermission(session, "approvals.decide")) return null;
  if (session?.user.id === approval.makerUserId) {
    return (
      <Text size="sm" c="dimmed">
        {t("approvals.ownRequest")}
      </Text>
    );
  }
  const decide = async (decision: "approve" | "reject") => {
    setDeciding(decision);
    setError(null);
    try {
      const trimmed = comment.trim();
      await request<Approval>(`/api/v1/approvals/${encodeURIComponent(approval.id)}/${decision}`, {
        method: "POST",
        body: trimmed === "" ? {} : { comment: trimmed },
      });
      onDecided(
        decision === "approve"
          ? t("approvals.approvedNotice", { action: actionName })
          : t("approvals.rejectedNotice", { action: actionName }),
      );
    } catch (caught) {
      setError(errorMessage(caught));
      setDeciding(null);
    }
  };
  return (
    <Stack gap="xs">
      {error !== null && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Textarea
        label={t("approvals.comment")}
        description={t("common.optional")}
        autosize
        minRows={2}
        maxLength={limits.textMaxLength}
        value={comment}
        onChange={(event) => setComment(event.currentTarget.value)}
      />
      <Group gap="xs">
        <Button
          color="teal"
          loading={deciding === "approve"}
          disabled={deciding !== null}
          onClick={() => void decide("approve")}
        >
          {t("approvals.approve")}
        </Button>
        <Button
          color="red"
          variant="light"
          loading={deciding === "reject"}
          disabled={deciding !== null}
          onClick={() => void decide("reject")}
        >
          {t("approvals.reject")}
        </Button>
      </Group>
    </Stack>
  );
}
