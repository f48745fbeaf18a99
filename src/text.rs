//! Interface wording in one place (a message catalogue comes with the
//! languages issue; keeping strings here makes that a one-file change).

pub fn question_of(n: usize, total: usize) -> String {
    format!("Question {n} of {total}")
}

pub fn score_line(earned: f64, max: f64) -> String {
    format!("{} of {} points", points(earned), points(max))
}

/// Points with at most one decimal, no trailing ".0".
pub fn points(p: f64) -> String {
    let r = (p * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn points_are_short() {
        assert_eq!(super::points(3.0), "3");
        assert_eq!(super::points(2.0 / 3.0), "0.7");
        assert_eq!(super::score_line(1.5, 4.0), "1.5 of 4 points");
    }
}
