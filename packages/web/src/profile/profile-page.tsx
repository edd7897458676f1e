import "@mantine/core/styles/Paper.css";
import "@mantine/core/styles/Code.css";
import "@mantine/core/styles/Badge.css";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import type { SessionResponse } from "@moldir/contract";
import { limits } from "@moldir/domain";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";
import { useApiRequest, useErrorMessage } from "../api/use-api";
import { LanguageSwitch } from "../layout/language-switch";
import { PageHeader } from "../layout/page-header";
import { problem } from "../layout/problem";
import { useSession, useSignedInSession } from "../session/session-context";

/** The signed-in person's own settings: name, language, password, two factors. */
export default function ProfilePage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  if (session === null) return null;
  return (
    <Stack gap="lg" maw={720}>
      <PageHeader title={t("profile.title")} description={t("profile.description")} />
      <NameSection session={session} />
      <PasswordSection />
      <TwoFactorSection session={session} />
    </Stack>
  );
}

function Section({
  id,
  title,
  children,
}: {
  readonly id: string;
  readonly title: string;
  readonly children: ReactNode;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} fz="h3" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function NameSection({ session }: { readonly session: SessionResponse }) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const { accept } = useSession();
  const [displayName, setDisplayName] = useState(session.user.displayName);
  const [error, setError] = useState<string | undefined>(undefined);
  const [isSaved, setIsSaved] = useState(false);
  const [isSubmitting, setIsSubmitting] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setIsSaved(false);
    if (displayName.trim() === "") {
      setError(t("profile.nameRequired"));
      return;
    }
    setError(undefined);
    setIsSubmitting(true);
    try {
      accept(
        await request<SessionResponse>("/api/v1/me", {
          method: "PATCH",
          body: { displayName: displayName.trim() },
        }),
      );
      setIsSaved(true);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setIsSubmitting(false);
    }
  };

  return (
    <Section id="profile-name" title={t("profile.nameAndLanguage")}>
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="sm">
          {isSaved && (
            <Alert color="teal" role="status">
              {t("profile.nameSaved")}
            </Alert>
          )}
          <TextInput
            label={t("profile.name")}
            required
            maxLength={limits.nameMaxLength}
            autoComplete="name"
            value={displayName}
            onChange={(event) => setDisplayName(event.currentTarget.value)}
            {...problem(error)}
          />
          <Text size="sm" c="dimmed">
            {[session.user.email, session.user.phone].filter((value) => value !== null).join(" · ")}
          </Text>
          <Group>
            <Button type="submit" loading={isSubmitting}>
              {t("common.save")}
            </Button>
          </Group>
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t("profile.language")}
            </Text>
            <Text size="xs" c="dimmed" mb={6}>
              {t("profile.languageHint")}
            </Text>
            <LanguageSwitch />
          </div>
        </Stack>
      </form>
    </Section>
  );
}

type PasswordField = "currentPassword" | "newPassword" | "repeat";

function PasswordSection() {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [values, setValues] = useState<Record<PasswordField, string>>({
    currentPassword: "",
    newPassword: "",
    repeat: "",
  });
  const [errors, setErrors] = useState<Partial<Record<PasswordField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isSaved, setIsSaved] = useState(false);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const set = (field: PasswordField) => (text: string) =>
    setValues((current) => ({ ...current, [field]: text }));

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setIsSaved(false);
    setFormError(null);
    const missing: Partial<Record<PasswordField, string>> = {};
    if (values.currentPassword === "") missing.currentPassword = t("profile.currentPasswordRequired");
    if (values.newPassword === "") missing.newPassword = t("profile.newPasswordRequired");
    else if (values.repeat !== values.newPassword) missing.repeat = t("profile.passwordsDiffer");
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    setIsSubmitting(true);
    try {
      await request("/api/v1/me/password", {
        method: "POST",
        body: { currentPassword: values.currentPassword, newPassword: values.newPassword },
      });
      setValues({ currentPassword: "", newPassword: "", repeat: "" });
      setIsSaved(true);
    } catch (caught) {
      const code = caught instanceof ApiError ? caught.code : "";
      if (code === "current_password_must_match") setErrors({ currentPassword: errorMessage(caught) });
      else if (code.startsWith("password_must")) setErrors({ newPassword: errorMessage(caught) });
      else setFormError(errorMessage(caught));
    } finally {
      setIsSubmitting(false);
    }
  };

  const toggle = { "aria-label": t("login.showPassword") };
  return (
    <Section id="profile-password" title={t("profile.passwordTitle")}>
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="sm">
          {isSaved && (
            <Alert color="teal" role="status">
              {t("profile.passwordChanged")}
            </Alert>
          )}
          {formError !== null && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <PasswordInput
            label={t("profile.currentPassword")}
            autoComplete="current-password"
            required
            value={values.currentPassword}
            onChange={(event) => set("currentPassword")(event.currentTarget.value)}
            visibilityToggleButtonProps={toggle}
            {...problem(errors.currentPassword)}
          />
          <PasswordInput
            label={t("profile.newPassword")}
            description={t("profile.newPasswordHint")}
            autoComplete="new-password"
            required
            value={values.newPassword}
            onChange={(event) => set("newPassword")(event.currentTarget.value)}
            visibilityToggleButtonProps={toggle}
            {...problem(errors.newPassword)}
          />
          <PasswordInput
            label={t("profile.repeatPassword")}
            autoComplete="new-password"
            required
            value={values.repeat}
            onChange={(event) => set("repeat")(event.currentTarget.value)}
            visibilityToggleButtonProps={toggle}
            {...problem(errors.repeat)}
          />
          <Group>
            <Button type="submit" loading={isSubmitting}>
              {t("profile.changePassword")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

interface TwoFactorSetup {
  readonly secret: string;
  readonly otpauthUri: string;
}

const codePattern = /^\d{6}$/;

/**
 * Two factors: setting up shows the secret (typed into an authenticator app, or opened as an otpauth link
 * on the phone itself), then one code from the app turns it on. Turning it off also asks for a code.
 */
function TwoFactorSection({ session }: { readonly session: SessionResponse }) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const { refresh } = useSession();
  const isEnabled = session.user.twoFactorEnabled;
  const [setup, setSetup] = useState<TwoFactorSetup | null>(null);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const run = async (work: () => Promise<void>) => {
    setIsBusy(true);
    setError(undefined);
    setNotice(null);
    try {
      await work();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setIsBusy(false);
    }
  };
  const begin = () =>
    run(async () => {
      setSetup(await request<TwoFactorSetup>("/api/v1/me/two-factor/setup", { method: "POST" }));
      setCode("");
    });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const digits = code.replace(/\s/g, "");
    if (!codePattern.test(digits)) {
      setError(t("login.codeFormat"));
      return;
    }
    const path = isEnabled ? "/api/v1/me/two-factor/disable" : "/api/v1/me/two-factor/enable";
    void run(async () => {
      await request(path, { method: "POST", body: { code: digits } });
      setSetup(null);
      setCode("");
      setNotice(isEnabled ? t("profile.twoFactorDisabled") : t("profile.twoFactorEnabled"));
      refresh();
    });
  };

  const codeForm = (submitLabel: string, color?: string) => (
    <form noValidate onSubmit={onSubmit}>
      <Group align="flex-start" gap="xs">
        <TextInput
          label={t("login.code")}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          {...problem(error)}
          w={180}
        />
        <Button type="submit" loading={isBusy} mt={25} color={color}>
          {submitLabel}
        </Button>
      </Group>
    </form>
  );

  return (
    <Section id="profile-two-factor" title={t("profile.twoFactorTitle")}>
      <Stack gap="sm">
        <Group gap="xs">
          <Text size="sm">{t("profile.twoFactorStatus")}</Text>
          <Badge color={isEnabled ? "teal" : "gray"} variant="light" tt="none">
            {isEnabled ? t("profile.twoFactorOn") : t("profile.twoFactorOff")}
          </Badge>
        </Group>
        {notice !== null && (
          <Alert color="teal" role="status">
            {notice}
          </Alert>
        )}
        {session.mustEnableSecondFactor && !isEnabled && (
          <Alert color="yellow">{t("twoFactor.requiredText")}</Alert>
        )}
        {isEnabled ? (
          <>
            <Text size="sm" c="dimmed">
              {t("profile.twoFactorDisableHint")}
            </Text>
            {codeForm(t("profile.twoFactorDisable"), "red")}
          </>
        ) : setup === null ? (
          <>
            <Text size="sm" c="dimmed">
              {t("profile.twoFactorIntro")}
            </Text>
            {error !== undefined && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <Group>
              <Button variant="light" loading={isBusy} onClick={() => void begin()}>
                {t("profile.twoFactorSetUp")}
              </Button>
            </Group>
          </>
        ) : (
          <SetupSteps setup={setup}>{codeForm(t("profile.twoFactorEnable"))}</SetupSteps>
        )}
      </Stack>
    </Section>
  );
}

function SetupSteps({ setup, children }: { readonly setup: TwoFactorSetup; readonly children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Text size="sm">{t("profile.twoFactorStep1")}</Text>
      <div>
        <Text size="xs" c="dimmed">
          {t("profile.twoFactorSecret")}
        </Text>
        <Code fz="md" style={{ wordBreak: "break-all", userSelect: "all" }} data-testid="totp-secret">
          {setup.secret}
        </Code>
      </div>
      <Anchor href={setup.otpauthUri} size="sm" style={{ wordBreak: "break-all" }}>
        {t("profile.twoFactorLink")}
      </Anchor>
      <Text size="sm">{t("profile.twoFactorStep2")}</Text>
      {children}
    </Stack>
  );
}
