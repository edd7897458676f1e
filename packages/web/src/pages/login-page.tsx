import {
  Alert,
  Anchor,
  Box,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import type { LoginRequest, SessionResponse } from "@moldir/contract";
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Redirect, useSearch } from "wouter";
import { ApiError } from "../api/client";
import { useApiRequest, useErrorMessage } from "../api/use-api";
import { ColorSchemeToggle } from "../layout/color-scheme-toggle";
import { LanguageSwitch } from "../layout/language-switch";
import { problem } from "../layout/problem";
import { useDocumentTitle } from "../layout/use-document-title";
import { returnPathFrom } from "../session/return-path";
import { isSessionComplete, useSession } from "../session/session-context";

type LoginField = keyof LoginRequest;
type FieldErrors = Partial<Record<LoginField, string>>;

/**
 * Sign-in: email or phone and password, then, for a person who turned on two factors, a six-digit code from
 * her authenticator app. The server's own message (in the language asked for) is shown next to the field
 * it names or above the form: a wrong password, an account locked for some minutes. Once signed in, the
 * person goes where she was going (`?next=`), else home.
 */
export function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("login.title"));
  const { state } = useSession();
  const search = useSearch();
  if (isSessionComplete(state)) return <Redirect to={returnPathFrom(search)} replace />;
  const isCodeOwed = state.status === "signed_in" && state.session.secondFactorPending;
  return <LoginFrame>{isCodeOwed ? <SecondFactorForm /> : <PasswordForm />}</LoginFrame>;
}

function PasswordForm() {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const { accept } = useSession();
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const missing: FieldErrors = {};
    if (login.trim() === "") missing.login = t("login.loginRequired");
    if (password === "") missing.password = t("login.passwordRequired");
    setFieldErrors(missing);
    setFormError(null);
    if (Object.keys(missing).length > 0) return;

    setIsSubmitting(true);
    try {
      const body: LoginRequest = { login: login.trim(), password };
      accept(await request<SessionResponse>("/api/v1/auth/login", { method: "POST", body }));
    } catch (error) {
      const field = error instanceof ApiError ? error.field : null;
      if (field === "login" || field === "password") setFieldErrors({ [field]: errorMessage(error) });
      else setFormError(errorMessage(error));
      setIsSubmitting(false);
    }
  };

  return (
    <Stack gap="md">
      <LoginHeading />
      {formError !== null && (
        <Alert color="red" title={t("login.failed")} role="alert">
          {formError}
        </Alert>
      )}
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="sm">
          <TextInput
            label={t("login.login")}
            placeholder={t("login.loginPlaceholder")}
            name="login"
            autoComplete="username"
            required
            value={login}
            onChange={(event) => setLogin(event.currentTarget.value)}
            {...problem(fieldErrors.login)}
          />
          <PasswordInput
            label={t("login.password")}
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            {...problem(fieldErrors.password)}
            visibilityToggleButtonProps={{ "aria-label": t("login.showPassword") }}
          />
          <Button type="submit" loading={isSubmitting} mt="xs" fullWidth>
            {t("login.submit")}
          </Button>
        </Stack>
      </form>
      <Anchor component={Link} href="/calculator" size="sm" ta="center">
        {t("login.calculatorLink")}
      </Anchor>
    </Stack>
  );
}

const codePattern = /^\d{6}$/;

/** The second step: the code from the authenticator app, or back to the first step as someone else. */
function SecondFactorForm() {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const { accept, signOut } = useSession();
  const [code, setCode] = useState("");
  const codeInput = useRef<HTMLInputElement>(null);
  // The person arrives here from the password step: the one field to fill takes the keyboard.
  useEffect(() => codeInput.current?.focus(), []);
  const [error, setError] = useState<string | undefined>(undefined);
  const [isSubmitting, setIsSubmitting] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const digits = code.replace(/\s/g, "");
    if (!codePattern.test(digits)) {
      setError(t("login.codeFormat"));
      return;
    }
    setError(undefined);
    setIsSubmitting(true);
    try {
      accept(
        await request<SessionResponse>("/api/v1/auth/second-factor", {
          method: "POST",
          body: { code: digits },
        }),
      );
    } catch (caught) {
      setError(errorMessage(caught));
      setIsSubmitting(false);
    }
  };

  return (
    <Stack gap="md">
      <div>
        <Title order={1} fz="h2">
          {t("login.codeTitle")}
        </Title>
        <Text c="dimmed" size="sm" mt={4}>
          {t("login.codeIntro")}
        </Text>
      </div>
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="sm">
          <TextInput
            label={t("login.code")}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            required
            ref={codeInput}
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            {...problem(error)}
          />
          <Button type="submit" loading={isSubmitting} mt="xs" fullWidth>
            {t("login.codeSubmit")}
          </Button>
        </Stack>
      </form>
      <Button variant="subtle" size="compact-sm" onClick={() => void signOut().catch(() => {})}>
        {t("login.otherAccount")}
      </Button>
    </Stack>
  );
}

function LoginHeading() {
  const { t } = useTranslation();
  return (
    <div>
      <Title order={1} fz="h2">
        {t("login.title")}
      </Title>
      <Text c="dimmed" size="sm" mt={4}>
        {t("app.tagline")}
      </Text>
    </div>
  );
}

/** The page around either step: the name, the language and theme, a card in the middle. */
function LoginFrame({ children }: { readonly children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" p="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Text fw={700} fz="xl" c="teal">
          {t("app.name")}
        </Text>
        <Group gap="sm" wrap="nowrap">
          <LanguageSwitch />
          <ColorSchemeToggle />
        </Group>
      </Group>
      <Center component="main" mt="xl">
        <Paper withBorder shadow="sm" p="lg" w="100%" maw={420}>
          {children}
        </Paper>
      </Center>
    </Box>
  );
}
