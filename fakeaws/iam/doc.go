// Package iam serves AWS Identity and Access Management: roles, inline and
// managed policy attachments, instance profiles. IAM is global: its
// resources belong to an account, in no region.
//
// It answers as AWS does where clients can tell: names unique
// case-insensitively, AROA…/AIPA… IDs, ARNs with the entity's path,
// policy documents returned URL-encoded as sent, AWS's validation
// messages, quotas (one role per instance profile, ten managed policies
// per role, 10,240 characters of inline policy per role, 2,048 of trust
// policy, 50 tags) and the conflicts that keep a role or profile from
// being deleted while something still refers to it. AWS managed policies
// (arn:aws:iam::aws:policy/…) attach without a catalogue; customer managed
// policies cannot be created, so attaching one answers NoSuchEntity.
package iam
