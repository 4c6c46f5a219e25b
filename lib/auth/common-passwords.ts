/**
 * Frequent passwords of 12 characters or more (leaked-password lists, French
 * and English), lower-cased. Short ones are already refused by the length rule.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  "123456789012", "1234567890123", "12345678901234", "123456123456", "111111111111", "000000000000",
  "123123123123", "121212121212", "azertyuiop12", "azertyuiop123", "azertyuiopqs", "azerty123456",
  "azertyazerty", "qwertyuiop12", "qwertyuiop123", "qwerty123456", "qwertyqwerty", "1q2w3e4r5t6y",
  "1qaz2wsx3edc", "password1234", "password12345", "password123!", "passwordpassword", "motdepasse12",
  "motdepasse123", "motdepasse1234", "motdepasse!!", "motdepassemotdepasse", "iloveyou1234", "jetaime123456",
  "jetaimejetaime", "soleil123456", "bonjour12345", "bonjour123456", "doudou123456", "marseille1234",
  "marseille13013", "allezlom1234", "football1234", "chocolat1234", "princesse123", "loulou123456",
  "nicolas12345", "camille12345", "administrateur", "administrator", "admin1234567", "adminadmin12",
  "welcome12345", "letmein12345", "changeme1234", "changezmoi123", "bienvenue123", "bienvenue1234",
  "abcdefghijkl", "abcdef123456", "abc123abc123", "aaaaaaaaaaaa", "zxcvbnm12345", "superman1234",
  "dragon123456", "monkey123456", "sunshine1234", "trustno11234", "starwars1234", "baseball1234",
  "laureat12345", "laureat2026!", "republiquefrancaise", "france123456", "france2026!!", "paris1234567",
  "motdepasse2024", "motdepasse2025", "motdepasse2026", "password2024", "password2025", "password2026",
]);
