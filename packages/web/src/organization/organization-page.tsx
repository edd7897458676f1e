import "@mantine/core/styles/InlineInput.css";
import "@mantine/core/styles/Checkbox.css";
import "@mantine/core/styles/CheckboxIndicator.css";
import "@mantine/core/styles/Switch.css";
import "@mantine/core/styles/Fieldset.css";
import "@mantine/core/styles/Paper.css";
import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Paper,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import type { ApprovalAction, Organization, Region } from "@moldir/contract";
import { limits } from "@moldir/domain";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import type { LocalizedNames } from "../i18n/names";
import { PageHeader } from "../layout/page-header";
import { problem } from "../layout/problem";
import { ResourceView } from "../layout/resource-view";
import { RegionSelect } from "../regions/region-select";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { ApprovalActionLabel } from "./approval-action-label";

/** The organization's profile and which actions need a second person. */
export default function OrganizationPage() {
  const { t } = useTranslation();
  const mayManage = hasPermission(useSignedInSession(), "organization.manage");
  const organization = useApiResource<Organization>("/api/v1/organization");
  const regionsResource = useApiResource<{ items: Region[] }>("/api/v1/regions");
  const regions = regionsResource.resource.status === "loaded" ? regionsResource.resource.data.items : [];
  return (
    <Stack gap="xl">
      <PageHeader title={t("organization.title")} description={t("organization.description")} />
      <ResourceView resource={organization.resource} onRetry={organization.reload}>
        {(data) => (
          // A new version read from the server starts the form afresh.
          <ProfileForm
            key={data.version}
            organization={data}
            regions={regions}
            mayManage={mayManage}
            onReload={organization.reload}
          />
        )}
      </ResourceView>
      <ApprovalPolicies mayManage={mayManage} />
    </Stack>
  );
}

/** The fields of `PATCH /api/v1/organization` besides the version: only those that changed are sent. */
interface OrganizationChanges {
  names?: LocalizedNames;
  bin?: string | null;
  regionId?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  timeZone?: string;
  requireTwoFactorForAdmins?: boolean;
}

type ProfileField = "names.kk" | "names.ru" | "names.en" | "bin" | "phone" | "email" | "address" | "timeZone";

interface ProfileFormProps {
  readonly organization: Organization;
  readonly regions: readonly Region[];
  readonly mayManage: boolean;
  readonly onReload: () => void;
}

/** Text that is empty means "not given": sent as null. */
const orNull = (text: string) => (text.trim() === "" ? null : text.trim());

function ProfileForm({ organization, regions, mayManage, onReload }: ProfileFormProps) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [names, setNames] = useState<LocalizedNames>(organization.names);
  const [bin, setBin] = useState(organization.bin ?? "");
  const [regionId, setRegionId] = useState(organization.regionId);
  const [phone, setPhone] = useState(organization.phone ?? "");
  const [email, setEmail] = useState(organization.email ?? "");
  const [address, setAddress] = useState(organization.address ?? "");
  const [timeZone, setTimeZone] = useState(organization.timeZone);
  const [requireTwoFactor, setRequireTwoFactor] = useState(organization.requireTwoFactorForAdmins);
  const [errors, setErrors] = useState<Partial<Record<ProfileField, string>>>({});
  const [formError, setFormError] = useState<{ message: string; isStale: boolean } | null>(null);
  const [isSaved, setIsSaved] = useState(false);
  const [isSubmitting, setIsSubmitting] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const missing: Partial<Record<ProfileField, string>> = {};
    for (const language of ["kk", "ru", "en"] as const) {
      if (names[language].trim() === "") missing[`names.${language}`] = t("organization.nameRequired");
    }
    setErrors(missing);
    setFormError(null);
    setIsSaved(false);
    if (Object.keys(missing).length > 0) return;
    // Only what changed is sent, with the version it was read at: another person's change is not overwritten.
    const changes: OrganizationChanges = {};
    const trimmedNames = { kk: names.kk.trim(), ru: names.ru.trim(), en: names.en.trim() };
    const { kk, ru, en } = organization.names;
    if (trimmedNames.kk !== kk || trimmedNames.ru !== ru || trimmedNames.en !== en)
      changes.names = trimmedNames;
    if (orNull(bin) !== organization.bin) changes.bin = orNull(bin);
    if (regionId !== organization.regionId) changes.regionId = regionId;
    if (orNull(phone) !== organization.phone) changes.phone = orNull(phone);
    if (orNull(email) !== organization.email) changes.email = orNull(email);
    if (orNull(address) !== organization.address) changes.address = orNull(address);
    if (timeZone.trim() !== organization.timeZone) changes.timeZone = timeZone.trim();
    if (requireTwoFactor !== organization.requireTwoFactorForAdmins) {
      changes.requireTwoFactorForAdmins = requireTwoFactor;
    }
    if (Object.keys(changes).length === 0) {
      setIsSaved(true);
      return;
    }
    setIsSubmitting(true);
    try {
      await request<Organization>("/api/v1/organization", {
        method: "PATCH",
        body: { version: organization.version, ...changes },
      });
      setIsSaved(true);
      onReload();
    } catch (caught) {
      const field = caught instanceof ApiError ? caught.field : null;
      const isStale = caught instanceof ApiError && caught.code === "version_must_match";
      if (
        field === "bin" ||
        field === "email" ||
        field === "phone" ||
        field === "timeZone" ||
        field === "address"
      ) {
        setErrors({ [field]: errorMessage(caught) });
      } else setFormError({ message: errorMessage(caught), isStale });
    } finally {
      setIsSubmitting(false);
    }
  };

  const readOnly = !mayManage;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="organization-profile">
      <Title order={2} fz="h3" id="organization-profile" mb="sm">
        {t("organization.profile")}
      </Title>
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="sm">
          {readOnly && (
            <Text size="sm" c="dimmed">
              {t("organization.readOnly")}
            </Text>
          )}
          {formError !== null && (
            <Alert color="red" role="alert">
              <Stack gap="xs" align="flex-start">
                <span>{formError.message}</span>
                {formError.isStale && (
                  <Button size="compact-sm" variant="light" onClick={onReload}>
                    {t("organization.reloadLatest")}
                  </Button>
                )}
              </Stack>
            </Alert>
          )}
          {isSaved && (
            <Alert color="teal" role="status">
              {t("organization.saved")}
            </Alert>
          )}
          <Fieldset legend={t("organization.names")} variant="unstyled">
            <Group grow align="flex-start">
              {(["kk", "ru", "en"] as const).map((language) => (
                <TextInput
                  key={language}
                  label={t(`offices.nameIn.${language}`)}
                  required
                  readOnly={readOnly}
                  maxLength={limits.nameMaxLength}
                  value={names[language]}
                  onChange={(event) => {
                    const text = event.currentTarget.value;
                    setNames((current) => ({ ...current, [language]: text }));
                  }}
                  {...problem(errors[`names.${language}`])}
                />
              ))}
            </Group>
          </Fieldset>
          <Group grow align="flex-start">
            <TextInput
              label={t("organization.bin")}
              description={t("organization.binHint")}
              inputMode="numeric"
              maxLength={12}
              readOnly={readOnly}
              value={bin}
              onChange={(event) => setBin(event.currentTarget.value)}
              {...problem(errors.bin)}
            />
            <RegionSelect regions={regions} value={regionId} onChange={setRegionId} disabled={readOnly} />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              label={t("organization.phone")}
              type="tel"
              readOnly={readOnly}
              value={phone}
              onChange={(event) => setPhone(event.currentTarget.value)}
              {...problem(errors.phone)}
            />
            <TextInput
              label={t("organization.email")}
              type="email"
              readOnly={readOnly}
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              {...problem(errors.email)}
            />
          </Group>
          <TextInput
            label={t("organization.address")}
            readOnly={readOnly}
            value={address}
            onChange={(event) => setAddress(event.currentTarget.value)}
            {...problem(errors.address)}
          />
          <Group grow align="flex-start">
            <TextInput label={t("organization.currency")} value={organization.currency} readOnly />
            <TextInput
              label={t("organization.timeZone")}
              readOnly={readOnly}
              value={timeZone}
              onChange={(event) => setTimeZone(event.currentTarget.value)}
              {...problem(errors.timeZone)}
            />
          </Group>
          <Switch
            label={t("organization.requireTwoFactor")}
            description={t("organization.requireTwoFactorHint")}
            checked={requireTwoFactor}
            disabled={readOnly}
            onChange={(event) => setRequireTwoFactor(event.currentTarget.checked)}
          />
          {mayManage && (
            <Group>
              <Button type="submit" loading={isSubmitting}>
                {t("common.save")}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

interface ApprovalPolicy {
  readonly action: ApprovalAction;
  readonly requiresApproval: boolean;
}

/** Which actions a second person must approve before they take effect (maker-checker). */
function ApprovalPolicies({ mayManage }: { readonly mayManage: boolean }) {
  const { t } = useTranslation();
  const policies = useApiResource<{ items: ApprovalPolicy[] }>("/api/v1/approval-policies");
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="organization-approvals">
      <Title order={2} fz="h3" id="organization-approvals" mb={4}>
        {t("organization.approvalsTitle")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("organization.approvalsDescription")}
      </Text>
      <ResourceView resource={policies.resource} onRetry={policies.reload}>
        {({ items }) => <PolicyForm key={JSON.stringify(items)} policies={items} mayManage={mayManage} />}
      </ResourceView>
    </Paper>
  );
}

function PolicyForm({
  policies,
  mayManage,
}: {
  readonly policies: readonly ApprovalPolicy[];
  readonly mayManage: boolean;
}) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [required, setRequired] = useState(
    () => new Set(policies.filter((policy) => policy.requiresApproval).map((policy) => policy.action)),
  );
  const [error, setError] = useState<string | null>(null);
  const [isSaved, setIsSaved] = useState(false);
  const [isSubmitting, setIsSubmitting] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    setIsSaved(false);
    setIsSubmitting(true);
    try {
      await request("/api/v1/approval-policies", {
        method: "PUT",
        body: {
          policies: policies.map(({ action }) => ({ action, requiresApproval: required.has(action) })),
        },
      });
      setIsSaved(true);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setIsSubmitting(false);
    }
  };

  return (
    <form noValidate onSubmit={onSubmit}>
      <Stack gap="sm">
        {error !== null && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {isSaved && (
          <Alert color="teal" role="status">
            {t("organization.approvalsSaved")}
          </Alert>
        )}
        <Fieldset legend={t("organization.approvalsLegend")} variant="unstyled">
          <Stack gap="xs">
            {policies.map(({ action }) => (
              <Checkbox
                key={action}
                label={<ApprovalActionLabel action={action} />}
                checked={required.has(action)}
                disabled={!mayManage}
                onChange={(event) => {
                  const isChecked = event.currentTarget.checked;
                  setRequired((current) => {
                    const next = new Set(current);
                    if (isChecked) next.add(action);
                    else next.delete(action);
                    return next;
                  });
                }}
              />
            ))}
          </Stack>
        </Fieldset>
        {mayManage && (
          <Group>
            <Button type="submit" loading={isSubmitting}>
              {t("organization.approvalsSave")}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
