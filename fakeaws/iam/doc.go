// Package iam serves AWS Identity and Access Management: roles, inline and
// managed policy attachments, instance profiles. IAM is global: its
// resources belong to an account, in no region.
package iam
