/* report_text.c - the report's fixed texts in fi, en and sv, and its sentence typography. See LICENSE. */
#include "report_text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report.h"

const char *const ind_goal_areas[5] = { "Saatavuus", "Ennaltaehk\xc3\xa4isy", "Laatu ja vaikuttavuus",
					"Monialaisuus ja yhteentoimivuus", "Kustannusten nousun hillint\xc3\xa4" };
const char *const ind_report_goal_en[5] = { "Access", "Prevention", "Quality and effectiveness",
					"Multi-professional integration", "Containing cost growth" };
const char *const ind_report_goal_sv[5] = { "Tillg\xc3\xa4nglighet", "F\xc3\xb6rebyggande", "Kvalitet och verkningsfullhet",
					"Sektors\xc3\xb6vergripande samarbete och interoperabilitet",
					"D\xc3\xa4mpning av kostnads\xc3\xb6kningen" };

/* The name of goal area a in lang. */
const char *ind_report_goal_name(int a, enum ind_lang lang)
{
	return lang == IND_LANG_FI ? ind_goal_areas[a] : lang == IND_LANG_SV ? ind_report_goal_sv[a] : ind_report_goal_en[a];
}

static const char *const text_en[T_COUNT] = {
	[T_TITLE] = "Effects and effectiveness",
	[T_REGIONS] = "Regions: ",
	[T_CONTROLS] = "Comparison regions: ",
	[T_EXCLUDED] = "Periods left out: ",
	[T_NONE] = "none",
	[T_MADE] = "Made",
	[T_NO_DATA] = "No data for this region.",
	[T_CAVEATS] = "Caveats:",
	[T_STAT] = "Statistic",
	[T_VALUE] = "Value",
	[T_BEFORE] = "Before",
	[T_AFTER] = "After",
	[T_MEAN] = "Mean",
	[T_LEVEL_CI] = "Level change (95% CI)",
	[T_RR_CI] = "Rate ratio (95% CI)",
	[T_PCT_CI] = "Change % (95% CI)",
	[T_SLOPE_CI] = "Change/yr (95% CI)",
	[T_APC_CI] = "Annual change % (95% CI)",
	[T_CHANGE_LABEL] = "the change \xe2\x80\x9c%s\xe2\x80\x9d in %s",
	[T_CHANGE] = "the change in %s",
	[T_IMPROVEMENT] = ", an improvement",
	[T_DETERIORATION] = ", a deterioration",
	[T_LEVEL_SIG] = "%s %s by %s (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s) after %s%s.",
	[T_LEVEL_NS] = "%s %s significantly after %s: level change %s (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_SLOPE_CHANGE] = "The trend changed by %s per year (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s); before the change it was %s per year.",
	[T_RR_SIG] = "%s %s by %s%% (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s%%, %s) after %s (rate ratio %s)%s.",
	[T_RR_NS] = "%s %s significantly after %s: rate ratio %s (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s), a change of %s%%.",
	[T_RR_SLOPE] = "After the change the yearly rate ratio of the trend was multiplied by %s (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_DID] = "Against the comparison regions (%s) the level change was %s (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_DID_RR] = "Against the comparison regions (%s) the ratio of the rate ratios was %s (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_DID_RATE] = "Against the comparison regions (%s) the level change was %s per %s inhabitants (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_DISAGREE] = "The region's own change and the comparison with the comparison regions %s, so an effect of the change cannot be concluded.",
	[T_OPPOSITE] = "point in opposite directions",
	[T_NOT_BOTH] = "are not both statistically significant",
	[T_TOO_FEW] = "%s: the effect could not be estimated: too few values (before the change: %s, after it: %s).",
	[T_NO_ITS] = "%s: the effect could not be estimated: %s.",
	[T_OUTSIDE] = "%s: the change (%s) is outside the data.",
	[T_TREND_SIG] = "%s %s on average by %s per year (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s) over %s%s.",
	[T_TREND_NS] = "%s %s significantly over %s%s: the change was on average %s per year (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_LEAVING_OUT] = ", leaving out %s",
	[T_TREND_NONE] = "%s: too short or constant a series for a trend.",
	[T_WHY_CLOSE] = "too few values after the change",
	[T_WHY_NOT_ID] = "the terms of the model cannot be told apart",
	[T_WHY_NO_FIT] = "the model could not be fitted",
	[T_WHY_NO_VAR] = "the values lie exactly on the model, so there are no intervals",
	[T_CV_SHORT] = "short series (%s values before, %s after): the intervals and p-values are uncertain",
	[T_CV_SHORT_TREND] = "short series (%s values): the interval and the p-value are uncertain",
	[T_CV_FEW_POST] = "less than a year of follow-up after the change: the effect can be assessed only after a longer follow-up",
	[T_CV_AUTOCORR] = "the residuals are autocorrelated (Breusch\xe2\x80\x93Godfrey %s); the intervals may be too narrow",
	[T_CV_HAC_SMALL] = "Newey\xe2\x80\x93West standard errors from so short a series (%s values) can be too small",
	[T_CV_COVID] = "the COVID-19 period (March 2020\xe2\x80\x93" "December 2021) falls in a compared window and is neither excluded nor modelled as an interruption",
	[T_CV_COVID_TREND] = "values of the COVID-19 period (March 2020\xe2\x80\x93" "December 2021) in the trend, not left out: %s",
	[T_CV_DUP] = "several rows for one period were combined",
	[T_CV_NOT_ID] = "the model is not identified: its terms cannot be told apart",
	[T_CV_UNDERDISP] = "the counts vary less than Poisson assumes, which narrows the quasi-Poisson intervals",
	[T_CV_AC_UNTESTED] = "too few values to test for autocorrelation: the errors assume independent values",
	[T_CV_NO_CONTROL] = "no comparison region",
	[T_CV_CONTROL_NO_DATA] = "the comparison regions have no data for this indicator, so there is no comparison",
	[T_CV_CONTROL_FEW] = "too few periods shared with the comparison regions for a comparison",
	[T_CV_COUNT_ABS] = "the comparison is in counts, not related to the population, so regions of different size are not comparable",
	[T_CV_AR1_BOUND] = "the AR(1) coefficient reached its bound: the errors are not AR(1)-like",
	[T_CV_AR1_CONV] = "the Prais\xe2\x80\x93Winsten iteration did not settle",
	[T_SURE_NOT_YET] = "The change cannot be confirmed yet: with the data at hand the smallest detectable level change is %s; detecting the estimated change (%s) would take about %s more %s of follow-up.",
	[T_SURE_NEVER] = "The change cannot be confirmed: the smallest detectable level change is %s, and the estimated change (%s) would not be detected within ten more years of follow-up.",
	[T_SURE_MDE] = "With the data at hand the smallest detectable level change is %s.",
	[T_SURE_PLACEBO_NONE] = "The change is unlikely to be chance: none of %s placebo dates in %s gave as large a change (placebo %s).",
	[T_SURE_PLACEBO_FEW] = "Whether the change could be chance cannot be judged well: none of %s placebo dates in %s gave as large a change, but so few dates cannot give a small p (placebo %s).",
	[T_SURE_PLACEBO_SOME] = "The change is unlikely to be chance: %s of %s placebo dates in %s gave as large a change (placebo %s).",
	[T_SURE_PLACEBO_CHANCE] = "The change may be chance: %s of %s placebo dates in %s gave as large a change (placebo %s).",
	[T_SURE_NO_PLACEBO] = "Whether the change could be chance was not checked with placebo dates: too few values before the change (%s).",
	[T_STEPS_MONTH] = "months",
	[T_STEPS_QUARTER] = "quarters",
	[T_STEPS_YEAR] = "years",
	[T_STEPS_WEEK] = "weeks",
	[T_STEPS_DAY] = "days",
	[T_JP_NONE] = "The joinpoint analysis found no point where the trend changed (up to %s tested, %s).",
	[T_JP_FOUND] = "The joinpoint analysis found %s in the trend (%s): %s.",
	[T_JP_SEGMENTS] = "The change by segment: %s.",
	[T_JP_APC] = "%s: %s%% a year (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s)",
	[T_JP_SLOPE] = "%s: %s a year (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s)",
	[T_JP_AAPC] = "Over %s the average annual percent change was %s%% (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_JP_AAC] = "Over %s the average annual change was %s (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_JP_SEG_LABEL] = "%s, change/yr (95%% CI)",
	[T_JP_SEG_LABEL_PCT] = "%s, annual change %% (95%% CI)",
	[T_JP_ONE_APC] = "Over %s the annual percent change was %s%% (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_JP_ONE_SLOPE] = "Over %s the annual change was %s (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_JP_AAPC_LABEL] = "Average over the span (95% CI)",
};

static const char *const text_fi[T_COUNT] = {
	[T_TITLE] = "Vaikutukset ja vaikuttavuus",
	[T_REGIONS] = "Alueet: ",
	[T_CONTROLS] = "Vertailualueet: ",
	[T_EXCLUDED] = "Pois rajatut jaksot: ",
	[T_NONE] = "ei",
	[T_MADE] = "Laadittu",
	[T_NO_DATA] = "Ei tietoja t\xc3\xa4lle alueelle.",
	[T_CAVEATS] = "Huomioitavaa:",
	[T_STAT] = "Tunnusluku",
	[T_VALUE] = "Arvo",
	[T_BEFORE] = "Ennen",
	[T_AFTER] = "J\xc3\xa4lkeen",
	[T_MEAN] = "Keskiarvo",
	[T_LEVEL_CI] = "Tason muutos (95 %:n lv)",
	[T_RR_CI] = "Tasosuhde (95 %:n lv)",
	[T_PCT_CI] = "Muutos % (95 %:n lv)",
	[T_SLOPE_CI] = "Muutos/v (95 %:n lv)",
	[T_APC_CI] = "Vuosimuutos % (95 %:n lv)",
	[T_CHANGE_LABEL] = "muutoksen \xe2\x80\x9d%s\xe2\x80\x9d (%s)",
	[T_CHANGE] = "muutoksen (%s)",
	[T_IMPROVEMENT] = ", mik\xc3\xa4 on parannus",
	[T_DETERIORATION] = ", mik\xc3\xa4 on heikennys",
	[T_LEVEL_SIG] = "%s %s %s (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s) %s j\xc3\xa4lkeen%s.",
	[T_LEVEL_NS] = "%s %s tilastollisesti merkitsev\xc3\xa4sti %s j\xc3\xa4lkeen: tason muutos %s (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_SLOPE_CHANGE] = "Trendi muuttui %s vuodessa (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s); ennen muutosta trendi oli %s vuodessa.",
	[T_RR_SIG] = "%s %s %s %% (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s %%, %s) %s j\xc3\xa4lkeen (tasosuhde %s)%s.",
	[T_RR_NS] = "%s %s tilastollisesti merkitsev\xc3\xa4sti %s j\xc3\xa4lkeen: tasosuhde %s (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s), muutos %s %%.",
	[T_RR_SLOPE] = "Muutoksen j\xc3\xa4lkeen trendin vuotuinen suhde kertautui luvulla %s (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_DID] = "Vertailualueisiin (%s) n\xc3\xa4hden tason muutos oli %s (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_DID_RR] = "Vertailualueisiin (%s) n\xc3\xa4hden tasosuhteiden suhde oli %s (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_DID_RATE] = "Vertailualueisiin (%s) n\xc3\xa4hden tason muutos oli %s / %s asukasta (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_DISAGREE] = "Alueen oma muutos ja vertailu vertailualueisiin %s, joten muutoksen vaikutuksesta ei voida p\xc3\xa4\xc3\xa4tell\xc3\xa4.",
	[T_OPPOSITE] = "osoittavat eri suuntiin",
	[T_NOT_BOTH] = "eiv\xc3\xa4t ole molemmat tilastollisesti merkitsevi\xc3\xa4",
	[T_TOO_FEW] = "%s: muutoksen vaikutusta ei voitu arvioida: havaintoja on liian v\xc3\xa4h\xc3\xa4n (ennen muutosta %s, sen j\xc3\xa4lkeen %s).",
	[T_NO_ITS] = "%s: muutoksen vaikutusta ei voitu arvioida: %s.",
	[T_OUTSIDE] = "%s: muutos (%s) on aineiston aikav\xc3\xa4lin ulkopuolella.",
	[T_TREND_SIG] = "%s %s keskim\xc3\xa4\xc3\xa4rin %s vuodessa (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s) aikav\xc3\xa4lill\xc3\xa4 %s%s.",
	[T_TREND_NS] = "%s %s tilastollisesti merkitsev\xc3\xa4sti aikav\xc3\xa4lill\xc3\xa4 %s%s: muutos oli keskim\xc3\xa4\xc3\xa4rin %s vuodessa (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_LEAVING_OUT] = " ilman jaksoa %s",
	[T_TREND_NONE] = "%s: liian lyhyt tai vakio aikasarja trendin arvioimiseen.",
	[T_WHY_CLOSE] = "muutoksen j\xc3\xa4lkeen on liian v\xc3\xa4h\xc3\xa4n havaintoja",
	[T_WHY_NOT_ID] = "mallin termej\xc3\xa4 ei voi erottaa toisistaan",
	[T_WHY_NO_FIT] = "mallia ei voitu sovittaa",
	[T_WHY_NO_VAR] = "arvot ovat t\xc3\xa4sm\xc3\xa4lleen mallin mukaiset, joten luottamusv\xc3\xa4lej\xc3\xa4 ei ole",
	[T_CV_SHORT] = "lyhyt aikasarja (%s havaintoa ennen, %s j\xc3\xa4lkeen): luottamusv\xc3\xa4lit ja p-arvot ovat ep\xc3\xa4varmoja",
	[T_CV_SHORT_TREND] = "lyhyt aikasarja (%s havaintoa): luottamusv\xc3\xa4li ja p-arvo ovat ep\xc3\xa4varmoja",
	[T_CV_FEW_POST] = "alle vuoden seuranta muutoksen j\xc3\xa4lkeen: vaikutus voidaan arvioida vasta pidemm\xc3\xa4ll\xc3\xa4 aikav\xc3\xa4lill\xc3\xa4",
	[T_CV_AUTOCORR] = "j\xc3\xa4\xc3\xa4nn\xc3\xb6kset ovat autokorreloituneita (Breusch\xe2\x80\x93Godfrey %s); luottamusv\xc3\xa4lit voivat olla liian kapeita",
	[T_CV_HAC_SMALL] = "Newey\xe2\x80\x93West-virhearviot n\xc3\xa4in lyhyest\xc3\xa4 aikasarjasta (%s havaintoa) voivat olla liian pieni\xc3\xa4",
	[T_CV_COVID] = "COVID-19-jakso (maaliskuu 2020\xe2\x80\x93joulukuu 2021) osuu verrattuun jaksoon eik\xc3\xa4 sit\xc3\xa4 ole rajattu pois tai mallinnettu omana katkoksenaan",
	[T_CV_COVID_TREND] = "COVID-19-jakson (maaliskuu 2020\xe2\x80\x93joulukuu 2021) havaintoja trendiss\xc3\xa4 rajaamatta: %s",
	[T_CV_DUP] = "saman jakson useat rivit on yhdistetty",
	[T_CV_NOT_ID] = "mallia ei voitu estimoida: sen termej\xc3\xa4 ei voi erottaa toisistaan",
	[T_CV_UNDERDISP] = "hajonta on Poisson-mallin oletusta pienempi, mik\xc3\xa4 kaventaa luottamusv\xc3\xa4lej\xc3\xa4",
	[T_CV_AC_UNTESTED] = "havaintoja on liian v\xc3\xa4h\xc3\xa4n autokorrelaation testaamiseen, joten virhearviot olettavat havainnot toisistaan riippumattomiksi",
	[T_CV_NO_CONTROL] = "ei vertailualuetta",
	[T_CV_CONTROL_NO_DATA] = "vertailualueilla ei ole tietoja t\xc3\xa4st\xc3\xa4 indikaattorista, joten vertailua ei ole",
	[T_CV_CONTROL_FEW] = "vertailualueiden kanssa yhteisi\xc3\xa4 jaksoja on liian v\xc3\xa4h\xc3\xa4n vertailuun",
	[T_CV_COUNT_ABS] = "vertailu on lukum\xc3\xa4\xc3\xa4rin\xc3\xa4 eik\xc3\xa4 suhteutettuna v\303\244est\xc3\xb6\xc3\xb6n, joten erikokoiset alueet eiv\xc3\xa4t ole vertailukelpoisia",
	[T_CV_AR1_BOUND] = "AR(1)-kerroin osui rajaansa: virheet eiv\xc3\xa4t ole AR(1)-muotoisia",
	[T_CV_AR1_CONV] = "Prais\xe2\x80\x93Winsten-iterointi ei asettunut",
	[T_SURE_NOT_YET] = "Muutosta ei voida viel\xc3\xa4 todeta: nykyisell\xc3\xa4 aineistolla pienin havaittava tason muutos on %s; arvioidun muutoksen (%s) toteaminen vaatisi noin %s %s lis\xc3\xa4seurannan.",
	[T_SURE_NEVER] = "Muutosta ei voida todeta: pienin havaittava tason muutos on %s, eik\xc3\xa4 arvioitua muutosta (%s) todettaisi kymmenenk\xc3\xa4\xc3\xa4n vuoden lis\xc3\xa4seurannalla.",
	[T_SURE_MDE] = "Nykyisell\xc3\xa4 aineistolla pienin havaittava tason muutos on %s.",
	[T_SURE_PLACEBO_NONE] = "Muutos tuskin on sattumaa: yksik\xc3\xa4\xc3\xa4n %s lumeajankohdasta aikav\xc3\xa4lill\xc3\xa4 %s ei antanut yht\xc3\xa4 suurta muutosta (lumetestin %s).",
	[T_SURE_PLACEBO_FEW] = "Sattuman osuutta ei voida arvioida luotettavasti: yksik\xc3\xa4\xc3\xa4n %s lumeajankohdasta aikav\xc3\xa4lill\xc3\xa4 %s ei antanut yht\xc3\xa4 suurta muutosta, mutta n\xc3\xa4in harvat ajankohdat eiv\xc3\xa4t voi antaa pient\xc3\xa4 p-arvoa (lumetestin %s).",
	[T_SURE_PLACEBO_SOME] = "Muutos tuskin on sattumaa: %s lumeajankohtaa %s:st\xc3\xa4 aikav\xc3\xa4lill\xc3\xa4 %s antoi yht\xc3\xa4 suuren muutoksen (lumetestin %s).",
	[T_SURE_PLACEBO_CHANCE] = "Muutos voi olla sattumaa: %s lumeajankohtaa %s:st\xc3\xa4 aikav\xc3\xa4lill\xc3\xa4 %s antoi yht\xc3\xa4 suuren muutoksen (lumetestin %s).",
	[T_SURE_NO_PLACEBO] = "Sattuman osuutta ei voitu arvioida lumeajankohdilla: ennen muutosta on liian v\xc3\xa4h\xc3\xa4n havaintoja (%s).",
	[T_STEPS_MONTH] = "kuukauden",
	[T_STEPS_QUARTER] = "nelj\xc3\xa4nneksen",
	[T_STEPS_YEAR] = "vuoden",
	[T_STEPS_WEEK] = "viikon",
	[T_STEPS_DAY] = "p\xc3\xa4iv\xc3\xa4n",
	[T_JP_NONE] = "Joinpoint-analyysi ei l\xc3\xb6yt\xc3\xa4nyt trendin muutoskohtia (enint\xc3\xa4\xc3\xa4n %s testattiin, %s).",
	[T_JP_FOUND] = "Joinpoint-analyysi l\xc3\xb6ysi trendist\xc3\xa4 %s (%s): %s.",
	[T_JP_SEGMENTS] = "Muutos jaksoittain: %s.",
	[T_JP_APC] = "%s: %s %% vuodessa (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s)",
	[T_JP_SLOPE] = "%s: %s vuodessa (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s)",
	[T_JP_AAPC] = "Keskim\xc3\xa4\xc3\xa4r\xc3\xa4inen vuosimuutos aikav\xc3\xa4lill\xc3\xa4 %s oli %s %% (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_JP_AAC] = "Keskim\xc3\xa4\xc3\xa4r\xc3\xa4inen vuosimuutos aikav\xc3\xa4lill\xc3\xa4 %s oli %s (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_JP_SEG_LABEL] = "%s, muutos/v (95 %%:n lv)",
	[T_JP_SEG_LABEL_PCT] = "%s, vuosimuutos %% (95 %%:n lv)",
	[T_JP_ONE_APC] = "Vuosimuutos aikav\xc3\xa4lill\xc3\xa4 %s oli %s %% (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_JP_ONE_SLOPE] = "Vuosimuutos aikav\xc3\xa4lill\xc3\xa4 %s oli %s (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_JP_AAPC_LABEL] = "Keskim\xc3\xa4\xc3\xa4rin koko aikav\xc3\xa4lill\xc3\xa4 (95 %:n lv)",
};

static const char *const text_sv[T_COUNT] = {
	[T_TITLE] = "Effekter och verkningsfullhet",
	[T_REGIONS] = "Omr\xc3\xa5" "den: ",
	[T_CONTROLS] = "J\xc3\xa4mf\xc3\xb6relseomr\xc3\xa5" "den: ",
	[T_EXCLUDED] = "Uteslutna perioder: ",
	[T_NONE] = "inga",
	[T_MADE] = "Skapad",
	[T_NO_DATA] = "Inga uppgifter f\xc3\xb6r detta omr\xc3\xa5" "de.",
	[T_CAVEATS] = "Observera:",
	[T_STAT] = "Nyckeltal",
	[T_VALUE] = "V\xc3\xa4rde",
	[T_BEFORE] = "F\xc3\xb6re",
	[T_AFTER] = "Efter",
	[T_MEAN] = "Medelv\xc3\xa4rde",
	[T_LEVEL_CI] = "Niv\xc3\xa5" "f\xc3\xb6r\xc3\xa4ndring (95 % KI)",
	[T_RR_CI] = "Niv\xc3\xa5kvot (95 % KI)",
	[T_PCT_CI] = "F\xc3\xb6r\xc3\xa4ndring % (95 % KI)",
	[T_SLOPE_CI] = "F\xc3\xb6r\xc3\xa4ndring/\xc3\xa5r (95 % KI)",
	[T_APC_CI] = "\xc3\x85rlig f\xc3\xb6r\xc3\xa4ndring % (95 % KI)",
	[T_CHANGE_LABEL] = "f\xc3\xb6r\xc3\xa4ndringen \xe2\x80\x9d%s\xe2\x80\x9d (%s)",
	[T_CHANGE] = "f\xc3\xb6r\xc3\xa4ndringen (%s)",
	[T_IMPROVEMENT] = ", vilket \xc3\xa4r en f\xc3\xb6rb\xc3\xa4ttring",
	[T_DETERIORATION] = ", vilket \xc3\xa4r en f\xc3\xb6rs\xc3\xa4mring",
	[T_LEVEL_SIG] = "%s %s med %s (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s) efter %s%s.",
	[T_LEVEL_NS] = "%s %s statistiskt signifikant efter %s: niv\xc3\xa5" "f\xc3\xb6r\xc3\xa4ndring %s (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_SLOPE_CHANGE] = "Trenden f\xc3\xb6r\xc3\xa4ndrades med %s per \xc3\xa5r (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s); f\xc3\xb6re f\xc3\xb6r\xc3\xa4ndringen var den %s per \xc3\xa5r.",
	[T_RR_SIG] = "%s %s med %s %% (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s %%, %s) efter %s (niv\xc3\xa5kvot %s)%s.",
	[T_RR_NS] = "%s %s statistiskt signifikant efter %s: niv\xc3\xa5kvot %s (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s), en f\xc3\xb6r\xc3\xa4ndring p\xc3\xa5 %s %%.",
	[T_RR_SLOPE] = "Efter f\xc3\xb6r\xc3\xa4ndringen multiplicerades trendens \xc3\xa5rliga kvot med %s (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_DID] = "J\xc3\xa4mf\xc3\xb6rt med j\xc3\xa4mf\xc3\xb6relseomr\xc3\xa5" "dena (%s) var niv\xc3\xa5" "f\xc3\xb6r\xc3\xa4ndringen %s (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_DID_RR] = "J\xc3\xa4mf\xc3\xb6rt med j\xc3\xa4mf\xc3\xb6relseomr\xc3\xa5" "dena (%s) var kvoten mellan niv\xc3\xa5kvoterna %s (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_DID_RATE] = "J\xc3\xa4mf\xc3\xb6rt med j\xc3\xa4mf\xc3\xb6relseomr\xc3\xa5" "dena (%s) var niv\xc3\xa5" "f\xc3\xb6r\xc3\xa4ndringen %s per %s inv\xc3\xa5nare (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_DISAGREE] = "Omr\xc3\xa5" "dets egen f\xc3\xb6r\xc3\xa4ndring och j\xc3\xa4mf\xc3\xb6relsen med j\xc3\xa4mf\xc3\xb6relseomr\xc3\xa5" "dena %s, s\xc3\xa5 n\xc3\xa5gon effekt av f\xc3\xb6r\xc3\xa4ndringen kan inte fastst\xc3\xa4llas.",
	[T_OPPOSITE] = "pekar i olika riktningar",
	[T_NOT_BOTH] = "\xc3\xa4r inte b\xc3\xa5" "da statistiskt signifikanta",
	[T_TOO_FEW] = "%s: effekten kunde inte uppskattas: f\xc3\xb6r f\xc3\xa5 v\xc3\xa4rden (f\xc3\xb6re f\xc3\xb6r\xc3\xa4ndringen: %s, efter den: %s).",
	[T_NO_ITS] = "%s: effekten kunde inte uppskattas: %s.",
	[T_OUTSIDE] = "%s: f\xc3\xb6r\xc3\xa4ndringen (%s) ligger utanf\xc3\xb6r uppgifternas tidsperiod.",
	[T_TREND_SIG] = "%s %s i genomsnitt med %s per \xc3\xa5r (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s) under perioden %s%s.",
	[T_TREND_NS] = "%s %s statistiskt signifikant under perioden %s%s: f\xc3\xb6r\xc3\xa4ndringen var i genomsnitt %s per \xc3\xa5r (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_LEAVING_OUT] = ", utan perioden %s",
	[T_TREND_NONE] = "%s: f\xc3\xb6r kort eller konstant tidsserie f\xc3\xb6r en trend.",
	[T_WHY_CLOSE] = "f\xc3\xb6r f\xc3\xa5 v\xc3\xa4rden efter f\xc3\xb6r\xc3\xa4ndringen",
	[T_WHY_NOT_ID] = "modellens termer kan inte skiljas \xc3\xa5t",
	[T_WHY_NO_FIT] = "modellen kunde inte anpassas",
	[T_WHY_NO_VAR] = "v\xc3\xa4rdena ligger exakt p\xc3\xa5 modellen, s\xc3\xa5 det finns inga konfidensintervall",
	[T_CV_SHORT] = "kort tidsserie (%s v\xc3\xa4rden f\xc3\xb6re, %s efter): konfidensintervallen och p-v\xc3\xa4rdena \xc3\xa4r os\xc3\xa4kra",
	[T_CV_SHORT_TREND] = "kort tidsserie (%s v\xc3\xa4rden): konfidensintervallet och p-v\xc3\xa4rdet \xc3\xa4r os\xc3\xa4kra",
	[T_CV_FEW_POST] = "mindre \xc3\xa4n ett \xc3\xa5rs uppf\xc3\xb6ljning efter f\xc3\xb6r\xc3\xa4ndringen: effekten kan bed\xc3\xb6mas f\xc3\xb6rst efter en l\xc3\xa4ngre uppf\xc3\xb6ljning",
	[T_CV_AUTOCORR] = "residualerna \xc3\xa4r autokorrelerade (Breusch\xe2\x80\x93Godfrey %s); konfidensintervallen kan vara f\xc3\xb6r smala",
	[T_CV_HAC_SMALL] = "Newey\xe2\x80\x93West-medelfel fr\xc3\xa5n en s\xc3\xa5 kort tidsserie (%s v\xc3\xa4rden) kan vara f\xc3\xb6r sm\xc3\xa5",
	[T_CV_COVID] = "covid-19-perioden (mars 2020\xe2\x80\x93" "december 2021) infaller i en j\xc3\xa4mf\xc3\xb6rd period och \xc3\xa4r varken utesluten eller modellerad som ett eget avbrott",
	[T_CV_COVID_TREND] = "v\xc3\xa4rden fr\xc3\xa5n covid-19-perioden (mars 2020\xe2\x80\x93" "december 2021) i trenden, inte uteslutna: %s",
	[T_CV_DUP] = "flera rader f\xc3\xb6r samma period har sl\xc3\xa5tts samman",
	[T_CV_NOT_ID] = "modellen \xc3\xa4r inte identifierad: dess termer kan inte skiljas \xc3\xa5t",
	[T_CV_UNDERDISP] = "antalen varierar mindre \xc3\xa4n Poissonmodellen antar, vilket g\xc3\xb6r konfidensintervallen smalare",
	[T_CV_AC_UNTESTED] = "f\xc3\xb6r f\xc3\xa5 v\xc3\xa4rden f\xc3\xb6r att testa autokorrelation: medelfelen antar oberoende v\xc3\xa4rden",
	[T_CV_NO_CONTROL] = "inget j\xc3\xa4mf\xc3\xb6relseomr\xc3\xa5" "de",
	[T_CV_CONTROL_NO_DATA] = "j\xc3\xa4mf\xc3\xb6relseomr\xc3\xa5" "dena har inga uppgifter om denna indikator, s\xc3\xa5 n\xc3\xa5gon j\xc3\xa4mf\xc3\xb6relse finns inte",
	[T_CV_CONTROL_FEW] = "f\xc3\xb6r f\xc3\xa5 perioder gemensamma med j\xc3\xa4mf\xc3\xb6relseomr\xc3\xa5" "dena f\xc3\xb6r en j\xc3\xa4mf\xc3\xb6relse",
	[T_CV_COUNT_ABS] = "j\xc3\xa4mf\xc3\xb6relsen g\xc3\xa4ller antal som inte st\xc3\xa4llts i relation till befolkningen, s\xc3\xa5 omr\xc3\xa5" "den av olika storlek \xc3\xa4r inte j\xc3\xa4mf\xc3\xb6rbara",
	[T_CV_AR1_BOUND] = "AR(1)-koefficienten n\xc3\xa5" "dde sin gr\xc3\xa4ns: felen liknar inte AR(1)",
	[T_CV_AR1_CONV] = "Prais\xe2\x80\x93Winsten-iterationen konvergerade inte",
	[T_SURE_NOT_YET] = "F\xc3\xb6r\xc3\xa4ndringen kan \xc3\xa4nnu inte p\xc3\xa5visas: med nuvarande data \xc3\xa4r den minsta p\xc3\xa5visbara niv\xc3\xa5" "f\xc3\xb6r\xc3\xa4ndringen %s; att p\xc3\xa5visa den uppskattade f\xc3\xb6r\xc3\xa4ndringen (%s) skulle kr\xc3\xa4va ytterligare uppf\xc3\xb6ljning i ungef\xc3\xa4r %s %s.",
	[T_SURE_NEVER] = "F\xc3\xb6r\xc3\xa4ndringen kan inte p\xc3\xa5visas: den minsta p\xc3\xa5visbara niv\xc3\xa5" "f\xc3\xb6r\xc3\xa4ndringen \xc3\xa4r %s, och den uppskattade f\xc3\xb6r\xc3\xa4ndringen (%s) skulle inte p\xc3\xa5visas ens med tio \xc3\xa5rs ytterligare uppf\xc3\xb6ljning.",
	[T_SURE_MDE] = "Med nuvarande data \xc3\xa4r den minsta p\xc3\xa5visbara niv\xc3\xa5" "f\xc3\xb6r\xc3\xa4ndringen %s.",
	[T_SURE_PLACEBO_NONE] = "F\xc3\xb6r\xc3\xa4ndringen beror knappast p\xc3\xa5 slumpen: ingen av %s placebotidpunkter under perioden %s gav en lika stor f\xc3\xb6r\xc3\xa4ndring (placebotestets %s).",
	[T_SURE_PLACEBO_FEW] = "Om f\xc3\xb6r\xc3\xa4ndringen kan bero p\xc3\xa5 slumpen kan inte bed\xc3\xb6mas v\xc3\xa4l: ingen av %s placebotidpunkter under perioden %s gav en lika stor f\xc3\xb6r\xc3\xa4ndring, men s\xc3\xa5 f\xc3\xa5 tidpunkter kan inte ge ett litet p (placebotestets %s).",
	[T_SURE_PLACEBO_SOME] = "F\xc3\xb6r\xc3\xa4ndringen beror knappast p\xc3\xa5 slumpen: %s av %s placebotidpunkter under perioden %s gav en lika stor f\xc3\xb6r\xc3\xa4ndring (placebotestets %s).",
	[T_SURE_PLACEBO_CHANCE] = "F\xc3\xb6r\xc3\xa4ndringen kan bero p\xc3\xa5 slumpen: %s av %s placebotidpunkter under perioden %s gav en lika stor f\xc3\xb6r\xc3\xa4ndring (placebotestets %s).",
	[T_SURE_NO_PLACEBO] = "Om f\xc3\xb6r\xc3\xa4ndringen kan bero p\xc3\xa5 slumpen kunde inte pr\xc3\xb6vas med placebotidpunkter: f\xc3\xb6r f\xc3\xa5 v\xc3\xa4rden f\xc3\xb6re f\xc3\xb6r\xc3\xa4ndringen (%s).",
	[T_STEPS_MONTH] = "m\xc3\xa5nader",
	[T_STEPS_QUARTER] = "kvartal",
	[T_STEPS_YEAR] = "\xc3\xa5r",
	[T_STEPS_WEEK] = "veckor",
	[T_STEPS_DAY] = "dagar",
	[T_JP_NONE] = "Joinpoint-analysen fann ingen punkt d\xc3\xa4r trenden f\xc3\xb6r\xc3\xa4ndrades (h\xc3\xb6gst %s pr\xc3\xb6vades, %s).",
	[T_JP_FOUND] = "Joinpoint-analysen fann %s i trenden (%s): %s.",
	[T_JP_SEGMENTS] = "F\xc3\xb6r\xc3\xa4ndringen per period: %s.",
	[T_JP_APC] = "%s: %s %% per \xc3\xa5r (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s)",
	[T_JP_SLOPE] = "%s: %s per \xc3\xa5r (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s)",
	[T_JP_AAPC] = "Under perioden %s var den genomsnittliga \xc3\xa5rliga procentuella f\xc3\xb6r\xc3\xa4ndringen %s %% (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_JP_AAC] = "Under perioden %s var den genomsnittliga \xc3\xa5rliga f\xc3\xb6r\xc3\xa4ndringen %s (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_JP_SEG_LABEL] = "%s, f\xc3\xb6r\xc3\xa4ndring/\xc3\xa5r (95 %% KI)",
	[T_JP_SEG_LABEL_PCT] = "%s, \xc3\xa5rlig f\xc3\xb6r\xc3\xa4ndring %% (95 %% KI)",
	[T_JP_ONE_APC] = "Under perioden %s var den \xc3\xa5rliga procentuella f\xc3\xb6r\xc3\xa4ndringen %s %% (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_JP_ONE_SLOPE] = "Under perioden %s var den \xc3\xa5rliga f\xc3\xb6r\xc3\xa4ndringen %s (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_JP_AAPC_LABEL] = "Genomsnitt \xc3\xb6ver hela perioden (95 % KI)",
};

static const char *const *const texts[] = { [IND_LANG_EN] = text_en, [IND_LANG_FI] = text_fi, [IND_LANG_SV] = text_sv };

const char *ind_report_text(enum ind_lang lang, enum text_id id)
{
	return texts[lang][id];
}

/* The formats may hold only %s and %%, the same number of %s in every language. */
bool ind_report_texts_checked(void)
{
	for (size_t l = 0; l < sizeof texts / sizeof texts[0]; l++)
		for (int id = 0; id < T_COUNT; id++) {
			const char *c;
			if (id < T_CHANGE_LABEL) {
				if (!texts[l] || !texts[l][id])
					return false;
				continue;
			}
			int n = 0, n0 = 0;
			if (!texts[l] || !texts[l][id])
				return false;
			for (c = texts[l][id]; (c = strchr(c, '%')); c += 2)
				if (c[1] == 's')
					n++;
				else if (c[1] != '%')
					return false;
			for (c = texts[0][id]; (c = strchr(c, '%')); c += 2)
				n0 += c[1] == 's';
			if (n != n0)
				return false;
		}
	return true;
}

/* ---- sentence typography ------------------------------------------------------ */

/* A percentage with one decimal ("0,0", not "0,00212"): the estimate and its interval alike. */
const char *ind_report_pct(double x, enum ind_lang lang, char buf[IND_FMT_MAX])
{
	if (isfinite(x) && fabs(x) >= 1000)
		return ind_text_number(x, 3, lang, buf);
	return ind_text_fixed(x, 1, lang, buf);
}

/* A sentence starts with a capital, whatever the name of its indicator (ASCII and ä, ö, å). */
void ind_report_sentence_case(char *s)
{
	if (*s >= 'a' && *s <= 'z')
		*s = (char)(*s - 'a' + 'A');
	else if ((unsigned char)s[0] == 0xc3 && ((unsigned char)s[1] == 0xa4 || (unsigned char)s[1] == 0xb6 ||
						 (unsigned char)s[1] == 0xa5))
		s[1] = (char)((unsigned char)s[1] - 0x20);
}

/* The verb of a finding, agreeing with a Finnish plural name. */
const char *ind_report_verb(enum verb v, enum ind_lang lang, bool plural)
{
	static const char *const fi1[] = { "kasvoi", "laski", "ei muuttunut" };
	static const char *const fi2[] = { "kasvoivat", "laskivat", "eiv\xc3\xa4t muuttuneet" };
	static const char *const en[] = { "increased", "decreased", "did not change" };
	static const char *const sv[] = { "\xc3\xb6kade", "minskade", "f\xc3\xb6r\xc3\xa4ndrades inte" };
	return lang == IND_LANG_FI ? (plural ? fi2 : fi1)[v] : lang == IND_LANG_SV ? sv[v] : en[v];
}

/* "329 käyntiä kuukaudessa", or "329" without a unit: never a space too many. */
const char *ind_report_with_unit(const char *num, const char *unit, char buf[IND_FMT_MAX + 80])
{
	snprintf(buf, IND_FMT_MAX + 80, "%s%s%.64s", num, unit[0] ? " " : "", unit);
	return buf;
}

/*
 * The unit of a change per year: none when the unit is itself per a time
 * ("käyntiä kuukaudessa vuodessa" says nothing a reader can follow).
 */
const char *ind_report_per_year_unit(const char *unit)
{
	static const char *const per_time[] = { "kuukaudessa", "viikossa", "p\xc3\xa4iv\xc3\xa4ss\xc3\xa4", "vuodessa",
						"a month", "a week", "a day", "a year", "per ", "i m\xc3\xa5naden", "i veckan",
						"om dagen", "om \xc3\xa5ret", "i \xc3\xa5ret" };
	for (size_t i = 0; i < sizeof per_time / sizeof per_time[0]; i++)
		if (strstr(unit, per_time[i]))
			return "";
	return unit;
}

