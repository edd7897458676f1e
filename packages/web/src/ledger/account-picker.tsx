import "@mantine/core/styles/Combobox.css";
import "@mantine/core/styles/Popover.css";
import { Select } from "@mantine/core";
import type { Account } from "@moldir/contract";
import type { Ref } from "react";
import { nameIn } from "../i18n/names";
import { useLocale } from "../i18n/use-locale";
import { postableAccounts } from "./entry-form";

export interface AccountPickerProps {
  readonly accounts: readonly Account[];
  readonly value: string | null;
  readonly onChange: (accountId: string | null) => void;
  readonly label: string;
  readonly error?: string | undefined;
  readonly inputRef?: Ref<HTMLInputElement>;
}

/**
 * An account for a journal line, found by typing its code or part of its name. Only accounts that take
 * postings are offered: headers only add up their children, and closed accounts take nothing new.
 */
export function AccountPicker({ accounts, value, onChange, label, error, inputRef }: AccountPickerProps) {
  const locale = useLocale();
  const data = postableAccounts(accounts).map((account) => ({
    value: account.id,
    label: `${account.code} ${nameIn(account.names, locale)}`,
  }));
  return (
    <Select
      ref={inputRef}
      aria-label={label}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      // Picking the chosen account again keeps it; the clear button empties the line's account.
      allowDeselect={false}
      limit={50}
      nothingFoundMessage="—"
      error={error}
      aria-invalid={error !== undefined}
      comboboxProps={{ withinPortal: true }}
      miw={220}
    />
  );
}
