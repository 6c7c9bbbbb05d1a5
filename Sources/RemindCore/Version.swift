/// The version of remindd, shown by `remindd version` and `/remind version`.
public enum RemindVersion {
    public static let current = "0.1.0"
}
