package io.webhookagents.domain.event;

/**
 * What an event is about, in as much detail as a prompt needs. Events the orchestrator has no
 * prompt for carry {@link NoDetail}.
 */
public sealed interface EventDetail
    permits IssueDetail, CommentDetail, ReviewCommentDetail, MessageDetail, NoDetail {}
