import "@mantine/core/styles/Combobox.css";
import "@mantine/core/styles/Popover.css";
import { Select } from "@mantine/core";
import type { Region } from "@moldir/contract";
import type { Locale } from "@moldir/domain";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { nameIn } from "../i18n/names";
import { useLocale } from "../i18n/use-locale";

/** "Name, parent name": a district or settlement is found by its own name and told apart by its oblast. */
export function regionLabel(region: Region, byId: ReadonlyMap<string, Region>, locale: Locale): string {
  const parent = region.parentId === null ? undefined : byId.get(region.parentId);
  const own = nameIn(region.names, locale);
  return parent === undefined ? own : `${own}, ${nameIn(parent.names, locale)}`;
}

export interface RegionSelectProps {
  readonly regions: readonly Region[];
  readonly value: string | null;
  readonly onChange: (regionId: string | null) => void;
  readonly disabled?: boolean;
  readonly error?: string;
}

/** A region of Kazakhstan, searched by typing; may be left empty. */
export function RegionSelect({ regions, value, onChange, disabled = false, error }: RegionSelectProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const data = useMemo(() => {
    const byId = new Map(regions.map((region) => [region.id, region]));
    return regions
      .map((region) => ({ value: region.id, label: regionLabel(region, byId, locale) }))
      .sort((a, b) => a.label.localeCompare(b.label, locale));
  }, [regions, locale]);
  return (
    <Select
      label={t("regions.label")}
      placeholder={t("regions.placeholder")}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      limit={50}
      nothingFoundMessage={t("regions.nothingFound")}
      disabled={disabled}
      error={error}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
