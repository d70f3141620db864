//! Code lists the validator checks against: ISO 3166-1 alpha-2 countries, ISO 4217
//! currencies, Incoterms 2020. Kept by hand: the lists are short, stable and a crate for each
//! would bring more than it saves.

/// ISO 3166-1 alpha-2: the 249 officially assigned codes, plus `XK` (Kosovo, user-assigned but
/// used on transport documents throughout Europe).
const COUNTRIES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ \
BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ \
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ \
DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR \
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU \
ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ \
LA LB LC LI LK LR LS LT LU LV LY \
MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ \
NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA \
RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ \
TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ \
VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK";

/// ISO 4217 currencies in use (funds, precious metals and test codes left out).
const CURRENCIES: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD \
BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN \
ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD \
JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU \
MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB \
RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD \
TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG";

/// Incoterms 2020.
pub const INCOTERMS_2020: [&str; 11] = [
    "EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF",
];

/// Whether `code` is an ISO 3166-1 alpha-2 country code (upper case, as stored).
pub fn is_country(code: &str) -> bool {
    code.len() == 2 && COUNTRIES.split(' ').any(|c| c == code)
}

/// Whether `code` is an ISO 4217 currency code (upper case).
pub fn is_currency(code: &str) -> bool {
    code.len() == 3 && CURRENCIES.split(' ').any(|c| c == code)
}

/// Whether `code` is an Incoterms 2020 rule.
pub fn is_incoterm(code: &str) -> bool {
    INCOTERMS_2020.contains(&code)
}

/// Whether an Incoterm is an F-term (printed under "carriage paid" on `ru-1976`).
pub fn is_f_term(code: &str) -> bool {
    matches!(code, "FCA" | "FAS" | "FOB")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_have_the_expected_sizes_and_no_duplicates() {
        let countries: Vec<&str> = COUNTRIES.split(' ').collect();
        assert_eq!(countries.len(), 250);
        let mut sorted = countries.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), countries.len());
        let currencies: Vec<&str> = CURRENCIES.split(' ').collect();
        let mut sorted = currencies.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), currencies.len());
        assert!(currencies.iter().all(|c| c.len() == 3));
    }

    #[test]
    fn lookups() {
        assert!(is_country("RU") && is_country("DE") && is_country("KZ"));
        assert!(!is_country("ru") && !is_country("SU") && !is_country("RUS"));
        assert!(is_currency("EUR") && is_currency("RUB"));
        assert!(!is_currency("RUR") && !is_currency("eur"));
        assert!(is_incoterm("DAP") && !is_incoterm("DAT"));
        assert!(is_f_term("FCA") && !is_f_term("EXW"));
    }
}
