//! Who calls: plausible Chinese mobile numbers and the caller's province.

use fw_domain::{CallerInfo, SiteId};

use crate::rng::SimRng;
use crate::skills::SITE_NAMES;

/// Mobile prefixes of the three big carriers (China Mobile, Unicom, Telecom).
const MOBILE_PREFIXES: [u64; 33] = [
    130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 150, 151, 152, 153, 155, 156, 157, 158, 159,
    166, 173, 176, 177, 178, 180, 181, 182, 183, 185, 186, 187, 188, 189,
];

/// A province (pinyin), its rough share of callers (population, millions) and the site that
/// serves its area: callers lean towards their nearest data centre.
struct Province {
    name: &'static str,
    population: f64,
    near_site: u16,
}

const PROVINCES: [Province; 31] = [
    Province {
        name: "Guangdong",
        population: 126.0,
        near_site: 2,
    },
    Province {
        name: "Shandong",
        population: 101.0,
        near_site: 0,
    },
    Province {
        name: "Henan",
        population: 99.0,
        near_site: 0,
    },
    Province {
        name: "Jiangsu",
        population: 85.0,
        near_site: 1,
    },
    Province {
        name: "Sichuan",
        population: 84.0,
        near_site: 2,
    },
    Province {
        name: "Hebei",
        population: 74.0,
        near_site: 0,
    },
    Province {
        name: "Hunan",
        population: 66.0,
        near_site: 2,
    },
    Province {
        name: "Zhejiang",
        population: 66.0,
        near_site: 1,
    },
    Province {
        name: "Anhui",
        population: 61.0,
        near_site: 1,
    },
    Province {
        name: "Hubei",
        population: 58.0,
        near_site: 1,
    },
    Province {
        name: "Guangxi",
        population: 50.0,
        near_site: 2,
    },
    Province {
        name: "Yunnan",
        population: 47.0,
        near_site: 2,
    },
    Province {
        name: "Jiangxi",
        population: 45.0,
        near_site: 1,
    },
    Province {
        name: "Liaoning",
        population: 42.0,
        near_site: 0,
    },
    Province {
        name: "Fujian",
        population: 42.0,
        near_site: 1,
    },
    Province {
        name: "Shaanxi",
        population: 40.0,
        near_site: 0,
    },
    Province {
        name: "Guizhou",
        population: 39.0,
        near_site: 2,
    },
    Province {
        name: "Shanxi",
        population: 35.0,
        near_site: 0,
    },
    Province {
        name: "Chongqing",
        population: 32.0,
        near_site: 2,
    },
    Province {
        name: "Heilongjiang",
        population: 31.0,
        near_site: 0,
    },
    Province {
        name: "Xinjiang",
        population: 26.0,
        near_site: 0,
    },
    Province {
        name: "Gansu",
        population: 25.0,
        near_site: 0,
    },
    Province {
        name: "Shanghai",
        population: 25.0,
        near_site: 1,
    },
    Province {
        name: "Inner Mongolia",
        population: 24.0,
        near_site: 0,
    },
    Province {
        name: "Jilin",
        population: 24.0,
        near_site: 0,
    },
    Province {
        name: "Beijing",
        population: 22.0,
        near_site: 0,
    },
    Province {
        name: "Tianjin",
        population: 14.0,
        near_site: 0,
    },
    Province {
        name: "Hainan",
        population: 10.0,
        near_site: 2,
    },
    Province {
        name: "Ningxia",
        population: 7.0,
        near_site: 0,
    },
    Province {
        name: "Qinghai",
        population: 6.0,
        near_site: 0,
    },
    Province {
        name: "Tibet",
        population: 4.0,
        near_site: 2,
    },
];

/// How much more often a site hears from its own area than from elsewhere.
const NEAR_SITE_BIAS: f64 = 4.0;

/// A caller kept compactly while the call lives (no strings until an event needs them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CallerIdentity {
    /// The 11-digit mobile number.
    pub number: u64,
    /// Index into the province table.
    pub province: u8,
}

impl CallerIdentity {
    pub(crate) fn info(self) -> CallerInfo {
        CallerInfo {
            number: self.number.to_string(),
            region: PROVINCES[usize::from(self.province)].name.to_owned(),
        }
    }
}

/// Draws callers, with each site's callers leaning towards its own provinces.
#[derive(Clone, Debug)]
pub(crate) struct CallerDirectory {
    province_weights_by_site: Vec<[f64; PROVINCES.len()]>,
}

impl CallerDirectory {
    pub(crate) fn new() -> CallerDirectory {
        let province_weights_by_site = (0..SITE_NAMES.len())
            .map(|site| {
                let mut weights = [0.0; PROVINCES.len()];
                for (weight, province) in weights.iter_mut().zip(&PROVINCES) {
                    let bias = if usize::from(province.near_site) == site {
                        NEAR_SITE_BIAS
                    } else {
                        1.0
                    };
                    *weight = province.population * bias;
                }
                weights
            })
            .collect();
        CallerDirectory {
            province_weights_by_site,
        }
    }

    /// A new caller for a queue at `site`.
    pub(crate) fn draw(&self, site: SiteId, rng: &mut SimRng) -> CallerIdentity {
        let prefix = *rng.pick(&MOBILE_PREFIXES);
        let number = prefix * 100_000_000 + rng.below(100_000_000);
        let province = rng.weighted_index(&self.province_weights_by_site[site.index()]) as u8;
        CallerIdentity { number, province }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_look_like_chinese_mobiles_and_sites_hear_their_own_area() {
        let directory = CallerDirectory::new();
        let mut rng = SimRng::stream(3, 0);
        let mut guangdong_south = 0;
        let mut guangdong_north = 0;
        for _ in 0..5_000 {
            let info = directory.draw(SiteId(2), &mut rng).info();
            assert_eq!(info.number.len(), 11);
            assert!(info.number.starts_with('1'));
            guangdong_south += u32::from(info.region == "Guangdong");
            guangdong_north +=
                u32::from(directory.draw(SiteId(0), &mut rng).info().region == "Guangdong");
        }
        assert!(
            guangdong_south > 2 * guangdong_north,
            "{guangdong_south} vs {guangdong_north}"
        );
    }
}
