import { Group, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useDocumentTitle } from "./use-document-title";

export interface PageHeaderProps {
  readonly title: string;
  readonly description?: string;
  /** Buttons for the whole screen (create, export), at the end of the row. */
  readonly actions?: ReactNode;
}

/** The screen's one `<h1>`, what the screen is for, and its main actions; also names the browser tab. */
export function PageHeader({ title, description, actions }: PageHeaderProps) {
  useDocumentTitle(title);
  return (
    <Group justify="space-between" align="flex-start" gap="sm" mb="lg">
      <div>
        <Title order={1}>{title}</Title>
        {description !== undefined && (
          <Text c="dimmed" size="sm" mt={4} maw={720}>
            {description}
          </Text>
        )}
      </div>
      {actions !== undefined && <Group gap="xs">{actions}</Group>}
    </Group>
  );
}
