/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_meas.c — estimates and their Student-t intervals. */
#include "check.h"
#include "measure/meas.h"

int
main(void)
{
	const double x[] = { 1, 2, 3, 4, 5 };
	const double y[] = { 4, NAN, 6 };
	struct est e;

	/* mean 3, sd sqrt(2.5), t(0.975, 4) = 2.7764451: half-width 1.963243 */
	e = meas_est(x, 5);
	CHECK_NEAR(e.mean, 3.0, 1e-12);
	CHECK_NEAR(e.hi - e.mean, 2.7764451 * sqrt(2.5) / sqrt(5.0), 1e-6);
	CHECK_NEAR(e.mean - e.lo, e.hi - e.mean, 1e-12);
	/* NaN values (a replication without that measure) are left out:
	 * mean 5, sd sqrt(2), t(0.975, 1) = 12.7062047 */
	e = meas_est(y, 3);
	CHECK_NEAR(e.mean, 5.0, 1e-12);
	CHECK_NEAR(e.hi - e.mean, 12.7062047 * sqrt(2.0) / sqrt(2.0), 1e-5);
	/* One value: no interval. */
	e = meas_est(x, 1);
	CHECK(e.lo == 1.0 && e.hi == 1.0);
	e = meas_est(y + 1, 1);
	CHECK(isnan(e.mean));
	CHECK_STR(meas_met_name(MEAS_MET_CONFIDENT), "confident");
	CHECK_STR(meas_met_name(MEAS_MET_ON_AVERAGE), "on_average");
	CHECK_STR(meas_met_name(MEAS_MET_NO), "no");
	CHECK_DONE();
}
