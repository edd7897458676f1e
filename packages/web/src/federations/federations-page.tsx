import "@mantine/core/styles/EmptyState.css";
import "@mantine/core/styles/SimpleGrid.css";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  EmptyState,
  Group,
  List,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "wouter";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { todayPlainDate } from "../ledger/ledger-api";
import { hasPermission, useSignedInSession } from "../session/session-context";
import {
  type FederationNode,
  type FederationNodeSummary,
  federationApi,
  federationPaths,
  type TreeNode,
  treeOf,
} from "./federations-api";

const levels = ["regional", "cluster", "village"] as const;

/** The federation's tree of nodes; a manager adds a node here. */
export default function FederationsPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const mayManage = hasPermission(session, "federations.manage", { anyScope: true });
  const nodes = useApiResource<{ items: FederationNodeSummary[] }>(federationApi.nodes);
  const [isAdding, setIsAdding] = useState(false);
  return (
    <Stack gap={0}>
      <PageHeader
        title={t("federations.title")}
        description={t("federations.description")}
        actions={
          <>
            <Button component={Link} href={federationPaths.formation} variant="default">
              {t("federations.formation.open")}
            </Button>
            {mayManage && !isAdding && (
              <Button onClick={() => setIsAdding(true)}>{t("federations.addNode")}</Button>
            )}
          </>
        }
      />
      <ResourceView resource={nodes.resource} onRetry={nodes.reload}>
        {({ items }) => (
          <Stack>
            {isAdding && <AddNode nodes={items} onCancel={() => setIsAdding(false)} />}
            {items.length === 0 ? (
              <Paper withBorder p="md">
                <EmptyState
                  title={t("federations.emptyTitle")}
                  description={t("federations.emptyDescription")}
                />
              </Paper>
            ) : (
              <Paper withBorder p="md">
                <Tree nodes={treeOf(items)} />
              </Paper>
            )}
          </Stack>
        )}
      </ResourceView>
    </Stack>
  );
}

function Tree({ nodes }: { readonly nodes: readonly TreeNode[] }) {
  const { t } = useTranslation();
  return (
    <List listStyleType="none" withPadding spacing="xs">
      {nodes.map(({ node, children }) => (
        <List.Item key={node.id}>
          <Group gap="xs">
            <Anchor component={Link} href={federationPaths.node(node.id)} fw={500}>
              {node.name}
            </Anchor>
            <Badge variant="light" tt="none">
              {t(`federations.levels.${node.level}`)}
            </Badge>
            <Text size="sm" c="dimmed">
              {t("federations.groupCount")}: {node.groupCount}
            </Text>
          </Group>
          {children.length > 0 && <Tree nodes={children} />}
        </List.Item>
      ))}
    </List>
  );
}

function AddNode({
  nodes,
  onCancel,
}: {
  readonly nodes: readonly FederationNodeSummary[];
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [, navigate] = useLocation();
  const [name, setName] = useState("");
  const [level, setLevel] = useState<(typeof levels)[number]>("village");
  const [parentId, setParentId] = useState("");
  const [formedOn, setFormedOn] = useState(todayPlainDate());
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const save = async () => {
    if (name.trim() === "") {
      setError(t("federations.nameRequired"));
      return;
    }
    setIsSaving(true);
    setError(null);
    try {
      const node = await request<FederationNode>(federationApi.nodes, {
        method: "POST",
        body: { name: name.trim(), level, parentId: parentId === "" ? null : parentId, formedOn },
      });
      navigate(federationPaths.node(node.id));
    } catch (caught) {
      setError(errorMessage(caught));
      setIsSaving(false);
    }
  };
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("federations.addNodeTitle")}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
          <TextInput
            label={t("federations.name")}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <NativeSelect
            label={t("federations.level")}
            data={levels.map((value) => ({ value, label: t(`federations.levels.${value}`) }))}
            value={level}
            onChange={(e) => setLevel(levels.find((l) => l === e.currentTarget.value) ?? "village")}
          />
          <NativeSelect
            label={t("federations.parent")}
            data={[
              { value: "", label: t("federations.noParent") },
              ...nodes.map((n) => ({ value: n.id, label: n.name })),
            ]}
            value={parentId}
            onChange={(e) => setParentId(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t("federations.formedOn")}
            value={formedOn}
            onChange={(e) => setFormedOn(e.currentTarget.value)}
          />
        </SimpleGrid>
        {error !== null && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group gap="xs">
          <Button type="submit" loading={isSaving}>
            {t("federations.save")}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t("federations.cancel")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
