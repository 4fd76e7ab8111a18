import type { ProviderName } from '../../../shared/model.ts';

/** Product names are the same in every language. */
export const PROVIDER_LABELS: Record<ProviderName, string> = {
  anycheck: 'AnyCheck',
  colleckt: 'Colleckt',
  frankieone: 'FrankieOne',
  advanceai: 'ADVANCE.AI',
  aiprise: 'AiPrise',
};

export function providerLabel(name: string): string {
  return (PROVIDER_LABELS as Record<string, string>)[name] ?? name;
}
