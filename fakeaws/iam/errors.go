package iam

import (
	"net/http"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// The IAM error codes and the HTTP statuses the service model gives them.
const (
	codeNoSuchEntity    = "NoSuchEntity"        // 404
	codeEntityExists    = "EntityAlreadyExists" // 409
	codeDeleteConflict  = "DeleteConflict"      // 409
	codeLimitExceeded   = "LimitExceeded"       // 409
	codeMalformedPolicy = "MalformedPolicyDocument"
	codeInvalidInput    = "InvalidInput"
)

func noSuchEntity(format string, args ...any) *awsapi.Error {
	return awsapi.NotFound(codeNoSuchEntity, format, args...)
}

func limitExceeded(format string, args ...any) *awsapi.Error {
	return awsapi.Conflict(codeLimitExceeded, format, args...)
}

func deleteConflict(msg string) *awsapi.Error {
	return awsapi.Conflict(codeDeleteConflict, "%s", msg)
}

func invalidInput(format string, args ...any) *awsapi.Error {
	return awsapi.BadRequest(codeInvalidInput, format, args...)
}

func malformedPolicy(msg string) *awsapi.Error {
	return awsapi.Errorf(http.StatusBadRequest, codeMalformedPolicy, "%s", msg)
}

func errNoSuchRole(name string) *awsapi.Error {
	return noSuchEntity("The role with name %s cannot be found.", name)
}

func errNoSuchProfile(name string) *awsapi.Error {
	return noSuchEntity("Instance Profile %s cannot be found.", name)
}

func errNoSuchRolePolicy(name string) *awsapi.Error {
	return noSuchEntity("The role policy with name %s cannot be found.", name)
}

// Messages of DeleteRole and DeleteInstanceProfile refusals.
const (
	msgRoleInProfile    = "Cannot delete entity, must remove roles from instance profile first."
	msgRoleHasAttached  = "Cannot delete entity, must detach all policies first."
	msgRoleHasInline    = "Cannot delete entity, must delete policies first."
	msgProfileHasRoles  = "Cannot delete entity, must remove roles from instance profile first."
	msgInvalidJSON      = "This policy contains invalid Json"
	msgPolicySyntax     = "Syntax errors in policy."
	msgPolicyVersion    = "The policy failed legacy parsing"
	msgDuplicateTagKeys = "Duplicate tag keys found. Please note that Tag keys are case insensitive."
)

// AWS's default quotas.
const (
	maxTags               = 50
	maxAttachedPolicies   = 10    // PoliciesPerRole
	maxTrustPolicySize    = 2048  // ACLSizePerRole, characters without whitespace
	maxInlinePoliciesSize = 10240 // all of a role's inline policies, without whitespace
	maxRolesPerProfile    = 1     // InstanceSessionsPerInstanceProfile
)
