package autoscaling

import (
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// The Auto Scaling error codes (service-2.json): all HTTP 400 but
// ResourceContention and ServiceLinkedRoleFailure (500).
const (
	codeValidation        = "ValidationError"
	codeAlreadyExists     = "AlreadyExists"
	codeLimitExceeded     = "LimitExceeded"
	codeResourceInUse     = "ResourceInUse"
	codeScalingInProgress = "ScalingActivityInProgress"
	codeInvalidNextToken  = "InvalidNextToken"
	codeRefreshInProgress = "InstanceRefreshInProgress"
	codeNoActiveRefresh   = "ActiveInstanceRefreshNotFound"
)

func fail(code, format string, args ...any) *awsapi.Error {
	return awsapi.BadRequest(code, format, args...)
}

func invalid(format string, args ...any) *awsapi.Error {
	return fail(codeValidation, format, args...)
}

func errNoGroup(name string) *awsapi.Error {
	return invalid("AutoScalingGroup name not found - AutoScalingGroup '%s' not found", name)
}

// errNoGroupNull is what UpdateAutoScalingGroup answers for a missing
// group.
func errNoGroupNull() *awsapi.Error {
	return invalid("AutoScalingGroup name not found - null")
}

func errGroupExists(name string) *awsapi.Error {
	return fail(codeAlreadyExists, "AutoScalingGroup by this name already exists - A group with the name %s already exists", name)
}

func errNoInstance(id string) *awsapi.Error {
	return invalid("Instance Id not found - No managed instance found for instance ID: %s", id)
}

func errBounds(min, max int) *awsapi.Error {
	return invalid("Max bound, %d, must be greater than or equal to min bound, %d", max, min)
}

func errDesired(desired, min, max int) *awsapi.Error {
	return invalid("Desired capacity:%d must be between the specified min size:%d and max size:%d", desired, min, max)
}

func errAboveMax(desired, max int) *awsapi.Error {
	return invalid("New SetDesiredCapacity value %d is above max value %d for the AutoScalingGroup.", desired, max)
}

func errBelowMin(desired, min int) *awsapi.Error {
	return invalid("New SetDesiredCapacity value %d is below min value %d for the AutoScalingGroup.", desired, min)
}

func errDecrementBelowMin(desired, min int) *awsapi.Error {
	return invalid("Currently, desiredCapacity (%d) is less than or equal to minSize (%d). You must decrease minSize before decrementing the desired capacity.", desired, min)
}

func errBadToken(token string) *awsapi.Error {
	return fail(codeInvalidNextToken, "The token '%s' is invalid.", token)
}

func errNoTemplate(ref TemplateRef) *awsapi.Error {
	if ref.ID != "" {
		return invalid("You must use a valid fully-formed launch template. The specified launch template, with template ID %s, does not exist.", ref.ID)
	}
	return invalid("You must use a valid fully-formed launch template. The specified launch template, with template name %s, does not exist.", ref.Name)
}

func errNoTemplateVersion(ref TemplateRef) *awsapi.Error {
	name := ref.ID
	if name == "" {
		name = ref.Name
	}
	return invalid("You must use a valid fully-formed launch template. The specified launch template version %s does not exist for launch template %s.", ref.Version, name)
}

// errTooLong is the model's length constraint failing.
func errTooLong(field, value string, max int) *awsapi.Error {
	return invalid("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", value, lowerFirst(field), max)
}

func errRange(field string, value, min, max int) *awsapi.Error {
	if value < min {
		return invalid("1 validation error detected: Value '%d' at '%s' failed to satisfy constraint: Member must have value greater than or equal to %d", value, lowerFirst(field), min)
	}
	return invalid("1 validation error detected: Value '%d' at '%s' failed to satisfy constraint: Member must have value less than or equal to %d", value, lowerFirst(field), max)
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
