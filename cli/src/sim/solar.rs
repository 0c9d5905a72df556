//! From the weather file's irradiance to a module array's AC output: the sun's position, the
//! irradiance on the array's plane, the cells' temperature, DC and the inverter. The model is
//! PVWatts' (NREL), so a reader can hold the simulation's yields against that reference:
//!
//! - **Sun**: Spencer's Fourier series for declination and the equation of time, at the middle
//!   of each hour of the data (TMY3 hours end on the hour, local standard time).
//! - **Plane of array**: beam on the plane, Hay-Davies sky diffuse (circumsolar share in
//!   proportion to the beam's clearness, the rest isotropic: it needs only GHI, DNI and DHI,
//!   which the file has, where Perez also needs fitted coefficients and sky brightness bins),
//!   and isotropic ground reflection at `ALBEDO`.
//! - **Cells**: the Sandia (SAPM) open-rack glass/glass model, from irradiance, air temperature
//!   and wind.
//! - **DC and AC**: `TEMP_COEFF_PER_K` per kelvin from 25 °C, `SYSTEM_LOSSES`, and PVWatts'
//!   inverter curve at `INVERTER_EFFICIENCY`, clipping at a DC/AC ratio of `DC_AC_RATIO`.
//!
//! Floating point is used here, off chain, for the geometry; each hour's output is rounded
//! down to whole mW per kWp once, and every energy sum after it is integer.

use std::f64::consts::PI;

/// Station 723170, Greensboro NC: latitude and longitude (degrees, east positive) and the
/// time zone of the data's local standard time (hours from UTC).
pub const LATITUDE: f64 = 36.1;
pub const LONGITUDE: f64 = -79.95;
pub const UTC_OFFSET_H: f64 = -5.0;

/// Ground reflectance. The file's albedo column is empty (all zeros); 0.2 is PVWatts' value
/// when the weather data has none (grass, dry ground).
pub const ALBEDO: f64 = 0.2;
/// Output change per kelvin of cell temperature from 25 °C (PVWatts' standard module).
pub const TEMP_COEFF_PER_K: f64 = -0.0037;
/// PVWatts' default losses: soiling, shading, snow, mismatch, wiring, connections, light-
/// induced degradation, nameplate rating, age and availability, together 14%.
pub const SYSTEM_LOSSES: f64 = 0.14;
/// Nominal inverter efficiency and the efficiency its curve is normalised to (PVWatts).
pub const INVERTER_EFFICIENCY: f64 = 0.96;
const INVERTER_REFERENCE_EFFICIENCY: f64 = 0.9637;
/// DC nameplate over AC nameplate: above AC nameplate the inverter clips.
pub const DC_AC_RATIO: f64 = 1.2;
/// SAPM open rack, glass/glass: `a`, `b` (s/m) and the cell's rise over the module at
/// 1,000 W/m² (K).
const SAPM_A: f64 = -3.47;
const SAPM_B: f64 = -0.0594;
const SAPM_DELTA_T: f64 = 3.0;
/// Below 1° of sun elevation the projection ratio of Hay-Davies is capped (as pvlib does).
const MIN_COS_ZENITH: f64 = 0.017_452_406_4;

/// An array's tilt from horizontal and the compass direction it faces (180: south), degrees.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Orientation {
    pub tilt_deg: u16,
    pub azimuth_deg: u16,
}

impl Orientation {
    pub const HORIZONTAL: Orientation = Orientation::new(0, 180);
    /// Community projects: ground-mounted, south, near the tilt that maximises the year here.
    pub const PROJECT: Orientation = Orientation::new(25, 180);

    pub const fn new(tilt_deg: u16, azimuth_deg: u16) -> Orientation {
        Orientation {
            tilt_deg,
            azimuth_deg,
        }
    }

    /// "20/180" → 20° tilt facing south.
    pub fn parse(text: &str) -> Result<Orientation, String> {
        let bad = || format!("orientation {text:?}: expected TILT/AZIMUTH in degrees, e.g. 20/180");
        let (tilt, azimuth) = text.split_once('/').ok_or_else(bad)?;
        let tilt: u16 = tilt.trim().parse().map_err(|_| bad())?;
        let azimuth: u16 = azimuth.trim().parse().map_err(|_| bad())?;
        if tilt > 90 || azimuth >= 360 {
            return Err(format!(
                "orientation {text:?}: tilt 0-90 and azimuth 0-359 degrees"
            ));
        }
        Ok(Orientation::new(tilt, azimuth))
    }

    /// The compass word for the report ("flat" below 10° of tilt, where facing hardly counts).
    pub fn facing(&self) -> &'static str {
        if self.tilt_deg < 10 {
            return "flat";
        }
        const WORDS: [&str; 8] = [
            "north",
            "north-east",
            "east",
            "south-east",
            "south",
            "south-west",
            "west",
            "north-west",
        ];
        WORDS[((self.azimuth_deg as usize * 2 + 45) / 90) % 8]
    }
}

/// One hour of the weather file.
#[derive(Clone, Copy, Debug, Default)]
pub struct Weather {
    pub ghi_w_m2: f64,
    pub dni_w_m2: f64,
    pub dhi_w_m2: f64,
    pub air_c: f64,
    pub wind_m_s: f64,
}

/// The sun at a moment: zenith and azimuth (clockwise from north), radians.
#[derive(Clone, Copy, Debug)]
pub struct Sun {
    pub zenith: f64,
    pub azimuth: f64,
}

/// The sun at `hour` hours after midnight (local standard time, fractional) of day `day`
/// (1-365) at the station.
pub fn sun(day: u32, hour: f64) -> Sun {
    let g = 2.0 * PI / 365.0 * (day as f64 - 1.0 + (hour - 12.0) / 24.0);
    let declination = 0.006_918 - 0.399_912 * g.cos() + 0.070_257 * g.sin()
        - 0.006_758 * (2.0 * g).cos()
        + 0.000_907 * (2.0 * g).sin()
        - 0.002_697 * (3.0 * g).cos()
        + 0.001_48 * (3.0 * g).sin();
    let equation_of_time_min = 229.18
        * (0.000_075 + 0.001_868 * g.cos()
            - 0.032_077 * g.sin()
            - 0.014_615 * (2.0 * g).cos()
            - 0.040_849 * (2.0 * g).sin());
    let solar_min = hour * 60.0 + equation_of_time_min + 4.0 * LONGITUDE - 60.0 * UTC_OFFSET_H;
    let hour_angle = (solar_min / 4.0 - 180.0).to_radians();
    let lat = LATITUDE.to_radians();
    let cos_zenith =
        lat.sin() * declination.sin() + lat.cos() * declination.cos() * hour_angle.cos();
    let zenith = cos_zenith.clamp(-1.0, 1.0).acos();
    let azimuth = hour_angle
        .sin()
        .atan2(hour_angle.cos() * lat.sin() - declination.tan() * lat.cos())
        + PI;
    Sun { zenith, azimuth }
}

/// Normal irradiance above the atmosphere on day `day`, W/m² (Spencer).
fn extraterrestrial_w_m2(day: u32) -> f64 {
    let b = 2.0 * PI * day as f64 / 365.0;
    1_367.7
        * (1.000_11
            + 0.034_221 * b.cos()
            + 0.001_28 * b.sin()
            + 0.000_719 * (2.0 * b).cos()
            + 0.000_077 * (2.0 * b).sin())
}

/// Irradiance on the plane of an array at `o`, W/m²: beam, Hay-Davies sky diffuse and ground
/// reflection.
pub fn plane_of_array(o: Orientation, sun: Sun, w: &Weather, day: u32) -> f64 {
    let tilt = (o.tilt_deg as f64).to_radians();
    let facing = (o.azimuth_deg as f64).to_radians();
    let cos_zenith = sun.zenith.cos();
    let cos_incidence = (cos_zenith * tilt.cos()
        + sun.zenith.sin() * tilt.sin() * (sun.azimuth - facing).cos())
    .max(0.0);
    // No beam from a sun below the horizon, whatever the hour's average says.
    let beam = if cos_zenith > 0.0 {
        w.dni_w_m2 * cos_incidence
    } else {
        0.0
    };
    let anisotropy = (w.dni_w_m2 / extraterrestrial_w_m2(day)).clamp(0.0, 1.0);
    let projection = cos_incidence / cos_zenith.max(MIN_COS_ZENITH);
    let sky = (w.dhi_w_m2
        * (anisotropy * projection + (1.0 - anisotropy) * (1.0 + tilt.cos()) / 2.0))
        .max(0.0);
    let ground = w.ghi_w_m2 * ALBEDO * (1.0 - tilt.cos()) / 2.0;
    beam + sky + ground
}

/// Cell temperature, °C, at `poa_w_m2` on the plane (SAPM open rack, glass/glass).
pub fn cell_c(poa_w_m2: f64, air_c: f64, wind_m_s: f64) -> f64 {
    let module = poa_w_m2 * (SAPM_A + SAPM_B * wind_m_s).exp() + air_c;
    module + poa_w_m2 / 1_000.0 * SAPM_DELTA_T
}

/// AC output of 1 kW of DC nameplate, W, at `poa_w_m2` and `cell_c`.
pub fn ac_w_per_kwp(poa_w_m2: f64, cell_c: f64) -> f64 {
    let dc = poa_w_m2 * (1.0 + TEMP_COEFF_PER_K * (cell_c - 25.0)) * (1.0 - SYSTEM_LOSSES);
    if dc <= 0.0 {
        return 0.0;
    }
    let ac_max = 1_000.0 / DC_AC_RATIO;
    let inverter_dc_max = ac_max / INVERTER_EFFICIENCY;
    let load = dc / inverter_dc_max;
    let efficiency = INVERTER_EFFICIENCY / INVERTER_REFERENCE_EFFICIENCY
        * (-0.0162 * load - 0.0059 / load + 0.9858);
    (dc * efficiency).clamp(0.0, ac_max)
}

/// AC output of 1 kWp at `o` in hour `hour` (0-based) of the typical year, mW.
pub fn hour_mw_per_kwp(o: Orientation, hour: usize, w: &Weather) -> u64 {
    let day = (hour / 24) as u32 + 1;
    let sun = sun(day, (hour % 24) as f64 + 0.5);
    let poa = plane_of_array(o, sun, w, day);
    (ac_w_per_kwp(poa, cell_c(poa, w.air_c, w.wind_m_s)) * 1_000.0) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sun_is_where_it_should_be() {
        // 21 June (day 172), solar noon here is near 12:21 standard time (79.95° W is 19.8 min
        // behind UTC-5's meridian; equation of time about -1.6 min): elevation
        // 90 - 36.1 + 23.44 = 77.3°, due south.
        let noon = sun(172, 12.0 + 21.4 / 60.0);
        assert!(
            (90.0 - noon.zenith.to_degrees() - 77.3).abs() < 0.3,
            "{noon:?}"
        );
        assert!((noon.azimuth.to_degrees() - 180.0).abs() < 2.0, "{noon:?}");
        // 21 December: elevation 90 - 36.1 - 23.44 = 30.5°.
        let winter = sun(355, 12.0 + 18.0 / 60.0);
        assert!(
            (90.0 - winter.zenith.to_degrees() - 30.5).abs() < 0.5,
            "{winter:?}"
        );
        // Morning sun in the east, evening in the west, night below the horizon.
        assert!((45.0..135.0).contains(&sun(172, 8.0).azimuth.to_degrees()));
        assert!((225.0..315.0).contains(&sun(172, 17.0).azimuth.to_degrees()));
        assert!(sun(172, 1.0).zenith.to_degrees() > 90.0);
    }

    #[test]
    fn plane_of_array_components() {
        let noon = sun(172, 12.36);
        let w = Weather {
            ghi_w_m2: 900.0,
            dni_w_m2: 800.0,
            dhi_w_m2: 120.0,
            air_c: 30.0,
            wind_m_s: 2.0,
        };
        // Flat: beam on the horizontal plus all the diffuse sky, nothing from the ground.
        let flat = plane_of_array(Orientation::HORIZONTAL, noon, &w, 172);
        let expect = 800.0 * noon.zenith.cos() + 120.0;
        assert!((flat - expect).abs() < 1e-9, "{flat} vs {expect}");
        // Vertical and facing north at a June noon: no beam, half the isotropic sky, ground.
        let north = plane_of_array(Orientation::new(90, 0), noon, &w, 172);
        let a = 800.0 / extraterrestrial_w_m2(172);
        let expect = 120.0 * (1.0 - a) / 2.0 + 900.0 * ALBEDO / 2.0;
        assert!((north - expect).abs() < 1e-9, "{north} vs {expect}");
        // No diffuse and no direct: nothing.
        let dark = Weather::default();
        assert_eq!(
            plane_of_array(Orientation::new(30, 90), noon, &dark, 172),
            0.0
        );
    }

    #[test]
    fn cells_dc_and_inverter() {
        // SAPM at 1,000 W/m², 20 °C, calm: 1000 × e^-3.47 + 20 + 3 ≈ 54.1 °C.
        assert!((cell_c(1_000.0, 20.0, 0.0) - 54.11).abs() < 0.01);
        // Wind cools the module.
        assert!(cell_c(800.0, 25.0, 6.0) < cell_c(800.0, 25.0, 1.0));
        // At 500 W/m² and 25 °C: 500 W × 0.86 DC, the inverter at 96.2% of it.
        let ac = ac_w_per_kwp(500.0, 25.0);
        assert!((ac / 430.0 - 0.9622).abs() < 0.001, "{ac}");
        // Above the AC nameplate (1 kW / 1.2) the inverter clips; nothing at night.
        assert_eq!(ac_w_per_kwp(1_300.0, 0.0), 1_000.0 / DC_AC_RATIO);
        assert_eq!(ac_w_per_kwp(0.0, 10.0), 0.0);
    }

    #[test]
    fn orientations_parse_and_name_their_facing() {
        assert_eq!(Orientation::parse("20/180"), Ok(Orientation::new(20, 180)));
        assert!(Orientation::parse("20").is_err());
        assert!(Orientation::parse("95/180").is_err());
        assert!(Orientation::parse("20/360").is_err());
        assert_eq!(Orientation::new(30, 180).facing(), "south");
        assert_eq!(Orientation::new(30, 90).facing(), "east");
        assert_eq!(Orientation::new(30, 225).facing(), "south-west");
        assert_eq!(Orientation::new(30, 350).facing(), "north");
        assert_eq!(Orientation::new(5, 90).facing(), "flat");
    }
}
