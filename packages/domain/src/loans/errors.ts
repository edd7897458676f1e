/**
 * Every error code the loan engine returns, in one list, so that the contract's catalogue can map each to its
 * HTTP status and its messages (the compiler checks the mapping is complete). Codes are snake_case, stated
 * positively (what must hold), and ordered roughly by precedence: the shape of the request, then each
 * field, then combinations, then outcomes. `details.field` names the field when there is one.
 */
export const loanCalculatorErrorCodes = [
  // The shape of a JSON request.
  "body_must_be_an_object",
  "field_is_unknown",
  "field_is_required",
  "field_must_be_a_string",
  "field_must_be_an_integer",
  "field_must_be_an_array",
  "field_must_be_an_object",
  "field_must_be_one_of_allowed_values",
  // Single fields.
  "currency_must_be_supported",
  "amount_must_be_a_whole_number_of_minor_units",
  "amount_must_not_exceed_maximum",
  "date_must_be_valid",
  "percent_must_be_a_decimal_number",
  "principal_must_be_positive",
  "installments_must_be_positive",
  "installments_must_not_exceed_maximum",
  "repayment_every_must_be_positive",
  "repayment_every_must_not_exceed_maximum",
  "interest_rate_must_not_exceed_maximum",
  "multiple_must_be_positive",
  "periods_must_not_be_negative",
  "fees_must_not_exceed_maximum",
  "fee_must_have_either_amount_or_percent",
  "fee_amount_must_not_be_negative",
  // Combinations.
  "installment_multiple_must_be_a_multiple_of_amount_multiple",
  "grace_periods_must_be_fewer_than_installments",
  "interest_free_periods_must_not_exceed_installments",
  "down_payment_percent_must_be_below_100",
  "first_repayment_date_must_be_after_disbursement_date",
  "first_repayment_date_must_be_within_first_period_limit",
  "term_must_not_exceed_maximum",
  "holidays_must_not_exceed_maximum",
  "weekday_must_be_from_1_to_7",
  "calendar_must_have_working_days",
  "meeting_weekdays_must_include_a_working_day",
  "tranches_must_not_exceed_maximum",
  "tranches_must_use_declining_balance",
  "tranches_must_be_in_date_order",
  "tranches_must_fall_within_term",
  "upfront_fees_must_be_less_than_principal",
  // Outcomes.
  "effective_rate_must_exist",
] as const;

/** A code the schedule builder or the calculator can return. */
export type LoanCalculatorErrorCode = (typeof loanCalculatorErrorCodes)[number];

/** Alias used inside the loans folder. */
export type LoanErrorCode = LoanCalculatorErrorCode;
