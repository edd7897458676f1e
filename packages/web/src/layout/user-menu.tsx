import "@mantine/core/styles/Menu.css";
import "@mantine/core/styles/Popover.css";
import { Button, Menu } from "@mantine/core";
import type { SessionResponse } from "@moldir/contract";
import { useTranslation } from "react-i18next";
import { useLocation } from "wouter";
import { useSession } from "../session/session-context";

/** The person's name, opening her profile and the two ways to sign out. */
export function UserMenu({ session }: { readonly session: SessionResponse }) {
  const { t } = useTranslation();
  const { signOut } = useSession();
  const [, navigate] = useLocation();
  const leave = async (everywhere: boolean) => {
    await signOut({ everywhere }).catch(() => {});
    navigate("/login");
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          size="sm"
          px="xs"
          aria-label={t("header.userMenu", { name: session.user.displayName })}
        >
          <span data-testid="user-name">{session.user.displayName}</span>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => navigate("/profile")}>{t("header.profile")}</Menu.Item>
        <Menu.Divider />
        <Menu.Item onClick={() => void leave(false)}>{t("header.signOut")}</Menu.Item>
        <Menu.Item color="red" onClick={() => void leave(true)}>
          {t("header.signOutEverywhere")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
