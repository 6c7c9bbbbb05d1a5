import Mattermost

extension Post {
    /// Props Mattermost puts on a bot's posts (`from_bot`) and drops when an action `update` or a PATCH
    /// replaces the props wholesale (MATTERMOST.md, corrections): sent back with every replacement so the
    /// rewritten post keeps its bot styling.
    static let botStylingProps: [String: JSONValue] = ["from_bot": "true"]

    /// This post with `botStylingProps` added when it replaces props; unchanged when it keeps them (nil).
    func keepingBotStyling() -> Post {
        guard let props else { return self }
        var post = self
        post.props = props.merging(Self.botStylingProps) { current, _ in current }
        return post
    }
}
