//! Masking of personal data for shared screens.

/// 张*三, 王*: keeps the first and (for three or more characters) the last character.
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.trim().chars().collect();
    match chars.as_slice() {
        [] => String::new(),
        [only] => format!("{only}*"),
        [first, _] => format!("{first}*"),
        [first, .., last] => format!("{first}*{last}"),
    }
}
