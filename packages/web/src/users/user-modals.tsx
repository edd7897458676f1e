import "@mantine/core/styles/ModalBase.css";
import "@mantine/core/styles/Modal.css";
import "@mantine/core/styles/Overlay.css";
import "@mantine/core/styles/Combobox.css";
import "@mantine/core/styles/Popover.css";
import { Alert, Button, Group, Modal, PasswordInput, Select, Stack, Text, TextInput } from "@mantine/core";
import type { Office, User } from "@moldir/contract";
import { isLocale, type Locale, limits, locales, type RoleAssignment } from "@moldir/domain";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";
import { useApiRequest, useErrorMessage } from "../api/use-api";
import { localeNames } from "../i18n/i18n";
import { useLocale } from "../i18n/use-locale";
import { problem } from "../layout/problem";
import { RoleEditor, type RoleRow, toAssignments, toRoleRows } from "./role-editor";

/** `PUT /api/v1/users/:id/roles` answers the user when done, or this when a second person must approve. */
interface PendingApproval {
  readonly status: "pending_approval";
  readonly approvalId: string;
}

function isPendingApproval(body: unknown): body is PendingApproval {
  return typeof body === "object" && body !== null && "status" in body && body.status === "pending_approval";
}

/** `PATCH /api/v1/users/:id`, with the server's message when it refuses. */
export function useUserPatch(userId: string) {
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [isRunning, setIsRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (body: { displayName?: string; isActive?: boolean }): Promise<boolean> => {
    setIsRunning(true);
    setError(null);
    try {
      await request<User>(`/api/v1/users/${encodeURIComponent(userId)}`, { method: "PATCH", body });
      return true;
    } catch (caught) {
      setError(errorMessage(caught));
      return false;
    } finally {
      setIsRunning(false);
    }
  };
  return { run, isRunning, error };
}

interface CreateUserModalProps {
  readonly opened: boolean;
  readonly offices: readonly Office[];
  readonly onClose: () => void;
  readonly onCreated: (user: User) => void;
}

type CreateField = "displayName" | "email" | "phone" | "password" | "roles";

/** A new person: her name, how she signs in (email or phone), a first password, her language and roles. */
export function CreateUserModal({ opened, offices, onClose, onCreated }: CreateUserModalProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [displayName, setDisplayName] = useState("");
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [password, setPassword] = useState("");
  const [preferredLocale, setPreferredLocale] = useState<Locale>(locale);
  const [rows, setRows] = useState<RoleRow[]>([]);
  const [errors, setErrors] = useState<Partial<Record<CreateField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);

  const reset = () => {
    setDisplayName("");
    setEmail("");
    setPhone("");
    setPassword("");
    setRows([]);
    setErrors({});
    setFormError(null);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const missing: Partial<Record<CreateField, string>> = {};
    if (displayName.trim() === "") missing.displayName = t("users.nameRequired");
    if (email.trim() === "" && phone.trim() === "") missing.email = t("users.contactRequired");
    if (password === "") missing.password = t("users.passwordRequired");
    setErrors(missing);
    setFormError(null);
    if (Object.keys(missing).length > 0) return;
    setIsSubmitting(true);
    try {
      const user = await request<User>("/api/v1/users", {
        method: "POST",
        body: {
          displayName: displayName.trim(),
          email: email.trim() === "" ? null : email.trim(),
          phone: phone.trim() === "" ? null : phone.trim(),
          password,
          preferredLocale,
          roles: toAssignments(rows),
        },
      });
      reset();
      onCreated(user);
    } catch (caught) {
      const field = caught instanceof ApiError ? caught.field : null;
      if (field === "displayName" || field === "email" || field === "phone" || field === "password") {
        setErrors({ [field]: errorMessage(caught) });
      } else setFormError(errorMessage(caught));
    } finally {
      setIsSubmitting(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t("users.create")}
      size="lg"
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="sm">
          {formError !== null && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <TextInput
            label={t("users.name")}
            required
            maxLength={limits.nameMaxLength}
            value={displayName}
            onChange={(event) => setDisplayName(event.currentTarget.value)}
            data-autofocus
            {...problem(errors.displayName)}
          />
          <Group grow align="flex-start">
            <TextInput
              label={t("users.email")}
              type="email"
              autoComplete="off"
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              {...problem(errors.email)}
            />
            <TextInput
              label={t("users.phone")}
              type="tel"
              autoComplete="off"
              value={phone}
              onChange={(event) => setPhone(event.currentTarget.value)}
              {...problem(errors.phone)}
            />
          </Group>
          <Group grow align="flex-start">
            <PasswordInput
              label={t("users.initialPassword")}
              description={t("users.initialPasswordHint")}
              required
              autoComplete="new-password"
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              visibilityToggleButtonProps={{ "aria-label": t("login.showPassword") }}
              {...problem(errors.password)}
            />
            <Select
              label={t("users.language")}
              data={locales.map((value) => ({ value, label: localeNames[value] }))}
              value={preferredLocale}
              allowDeselect={false}
              onChange={(value) => {
                if (value !== null && isLocale(value)) setPreferredLocale(value);
              }}
            />
          </Group>
          <RoleEditor value={rows} onChange={setRows} offices={offices} error={errors.roles} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={isSubmitting}>
              {t("users.createSubmit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

interface EditRolesModalProps {
  readonly user: User;
  readonly offices: readonly Office[];
  readonly onClose: () => void;
  /** "saved" when the roles changed, "pending_approval" when a second person must approve the change. */
  readonly onSaved: (outcome: "saved" | "pending_approval") => void;
}

/** The roles of one person. Where the organization asks for four eyes, the change waits for approval. */
export function EditRolesModal({ user, offices, onClose, onSaved }: EditRolesModalProps) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [rows, setRows] = useState<RoleRow[]>(() => toRoleRows(user.roles));
  const [error, setError] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    setIsSubmitting(true);
    try {
      const roles: RoleAssignment[] = toAssignments(rows);
      const body = await request<User | PendingApproval>(
        `/api/v1/users/${encodeURIComponent(user.id)}/roles`,
        {
          method: "PUT",
          body: { roles },
        },
      );
      onSaved(isPendingApproval(body) ? "pending_approval" : "saved");
    } catch (caught) {
      setError(errorMessage(caught));
      setIsSubmitting(false);
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={t("users.editRolesOf", { name: user.displayName })}
      size="lg"
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="sm">
          {error !== null && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <RoleEditor value={rows} onChange={setRows} offices={offices} />
          <Text size="xs" c="dimmed">
            {t("users.rolesApprovalHint")}
          </Text>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={isSubmitting}>
              {t("users.saveRoles")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

interface DeactivateUserModalProps {
  readonly user: User;
  readonly onClose: () => void;
  readonly onDone: () => void;
}

/** Taking access away is asked once more: she can no longer sign in to this organization. */
export function DeactivateUserModal({ user, onClose, onDone }: DeactivateUserModalProps) {
  const { t } = useTranslation();
  const { run, isRunning, error } = useUserPatch(user.id);
  return (
    <Modal
      opened
      onClose={onClose}
      title={t("users.deactivateTitle", { name: user.displayName })}
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <Stack gap="sm">
        <Text size="sm">{t("users.deactivateText")}</Text>
        {error !== null && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t("common.cancel")}
          </Button>
          <Button
            color="red"
            loading={isRunning}
            onClick={() => void run({ isActive: false }).then((ok) => ok && onDone())}
          >
            {t("users.deactivate")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
