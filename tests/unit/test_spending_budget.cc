// The monthly budget's arithmetic (spending_budget.h): refused only past the budget, in whole
// micro-dollars; unknown costs let through and said; no budget, nothing said. And last month's
// spend does not count (through the ledger's month, usage_totals.h).
#include <glib.h>
#include <gtest/gtest.h>

#include <string>

#include "spending_budget.h"
#include "usage_totals.h"

using namespace gpt_image;

namespace {

CostEstimate priced(double low, double high) {
  CostEstimate estimate;
  estimate.low_usd = low;
  estimate.high_usd = high;
  return estimate;
}

CostEstimate unknown() {
  CostEstimate estimate;
  estimate.text = "Cost unknown";
  return estimate;
}

bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST(SpendingBudget, NoBudgetChecksNothingAndSaysNothing) {
  EXPECT_FALSE(check_budget(0, 1000, priced(5, 5)).refused);
  EXPECT_EQ(check_budget(0, 1000, priced(5, 5)).message, "");
  EXPECT_EQ(check_budget(0, 0, unknown()).message, "");
}

TEST(SpendingBudget, ReachingTheBudgetExactlyIsAllowed) {
  // 9.75 + 0.25 = 10.00: at the budget, not over it.
  const BudgetCheck check = check_budget(10, 9.75, priced(0.25, 0.25));
  EXPECT_FALSE(check.refused);
  EXPECT_EQ(check.message, "");
  // Sums binary fractions cannot hold exactly: 0.1 + 0.2 is not 0.3 in doubles.
  EXPECT_FALSE(check_budget(0.3, 0.1, priced(0.2, 0.2)).refused);
}

TEST(SpendingBudget, OneCentOverIsRefusedWithBothNumbersAndWhereToChangeIt) {
  const BudgetCheck check = check_budget(10, 9.76, priced(0.25, 0.25));
  EXPECT_TRUE(check.refused);
  EXPECT_TRUE(contains(check.message, "$0.25")) << check.message;   // the call's estimate
  EXPECT_TRUE(contains(check.message, "$9.76")) << check.message;   // spent this month
  EXPECT_TRUE(contains(check.message, "$10.00")) << check.message;  // the budget
  EXPECT_TRUE(contains(check.message, "Settings")) << check.message;
  EXPECT_TRUE(contains(check.message, "GPT_IMAGE_MONTHLY_BUDGET")) << check.message;
}

TEST(SpendingBudget, QualityAutoIsCheckedAtItsHighEnd) {
  // Low end fits (1 + 0.5 <= 2), high end does not (1 + 1.5 > 2).
  EXPECT_TRUE(check_budget(2, 1, priced(0.5, 1.5)).refused);
  EXPECT_FALSE(check_budget(2.5, 1, priced(0.5, 1.5)).refused);
}

TEST(SpendingBudget, AnUnknownCostIsAllowedAndSaysTheBudgetWasNotApplied) {
  const BudgetCheck check = check_budget(10, 12, unknown());  // even past the budget already
  EXPECT_FALSE(check.refused);
  EXPECT_TRUE(contains(check.message, "$10.00")) << check.message;
  EXPECT_TRUE(contains(check.message, "unknown")) << check.message;
}

TEST(SpendingBudget, AmountsThatAreNotWholeCentsKeepTheirDigits) {
  EXPECT_EQ(format_usd(0.25), "$0.25");
  EXPECT_EQ(format_usd(0.0113), "$0.0113");
  EXPECT_EQ(format_usd(12), "$12.00");
}

TEST(SpendingBudget, LastMonthsSpendDoesNotCount) {
  // $9 spent on October 31st, $0.50 on November 1st; on November 30th with a $1 budget a $0.50
  // call reaches the budget exactly and is allowed, a $0.51 one is not.
  const std::string ledger =
      "time,procedure,host,model,quality,size,n,input_tokens,output_tokens,cost_usd,seconds,outcome,request_id,prompt\n"
      "2026-10-31T23:59:59Z,plug-in-gpt-image-edit,h,m,high,1024x1024,1,,,9.000000,30.000,ok,,\n"
      "2026-11-01T00:00:00Z,plug-in-gpt-image-edit,h,m,high,1024x1024,1,,,0.500000,30.000,ok,,\n";
  GDateTime *when = g_date_time_new_utc(2026, 11, 30, 12, 0, 0);
  const std::time_t now = static_cast<std::time_t>(g_date_time_to_unix(when));
  g_date_time_unref(when);
  const double spent = usage_totals_from_text(ledger, now).month.spend_usd;
  EXPECT_FALSE(check_budget(1, spent, priced(0.5, 0.5)).refused);
  EXPECT_TRUE(check_budget(1, spent, priced(0.51, 0.51)).refused);
}
