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
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "wouter";
import { ApiError } from "../api/client";
import { useApiRequest, useErrorMessage } from "../api/use-api";
import { ColorSchemeToggle } from "../layout/color-scheme-toggle";
import { LanguageSwitch } from "../layout/language-switch";
import { problem } from "../layout/problem";
import { useDocumentTitle } from "../layout/use-document-title";

/** Body of `POST /api/v1/auth/login`. */
export interface LoginRequest {
  /** An email address or a phone number, as the person typed it. */
  readonly login: string;
  readonly password: string;
}

type LoginField = keyof LoginRequest;
type FieldErrors = Partial<Record<LoginField, string>>;

/**
 * Sign-in form. The identity work implements the endpoint; until then the server's own error message (in
 * the language asked for) is shown, next to the field it names or above the form.
 */
export function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("login.title"));
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [, navigate] = useLocation();
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
      await request("/api/v1/auth/login", { method: "POST", body });
      navigate("/");
    } catch (error) {
      const field = error instanceof ApiError ? error.field : null;
      if (field === "login" || field === "password") setFieldErrors({ [field]: errorMessage(error) });
      else setFormError(errorMessage(error));
    } finally {
      setIsSubmitting(false);
    }
  };

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
          <Stack gap="md">
            <div>
              <Title order={1} fz="h2">
                {t("login.title")}
              </Title>
              <Text c="dimmed" size="sm" mt={4}>
                {t("app.tagline")}
              </Text>
            </div>
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
        </Paper>
      </Center>
    </Box>
  );
}
