package elbv2

import (
	"errors"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// The ELBv2 error codes; every one answers HTTP 400 (service-2.json).
const (
	codeDuplicateListener     = "DuplicateListener"
	codeDuplicateLBName       = "DuplicateLoadBalancerName"
	codeDuplicateTagKeys      = "DuplicateTagKeys"
	codeDuplicateTGName       = "DuplicateTargetGroupName"
	codeIncompatibleProtocols = "IncompatibleProtocols"
	codeInvalidConfiguration  = "InvalidConfigurationRequest"
	codeInvalidAction         = "InvalidLoadBalancerAction"
	codeInvalidScheme         = "InvalidScheme"
	codeInvalidSecurityGroup  = "InvalidSecurityGroup"
	codeInvalidSubnet         = "InvalidSubnet"
	codeInvalidTarget         = "InvalidTarget"
	codeListenerNotFound      = "ListenerNotFound"
	codeLBNotFound            = "LoadBalancerNotFound"
	codeOperationNotPermitted = "OperationNotPermitted"
	codeResourceInUse         = "ResourceInUse"
	codeSubnetNotFound        = "SubnetNotFound"
	codeTGAssociationLimit    = "TargetGroupAssociationLimit"
	codeTGNotFound            = "TargetGroupNotFound"
	codeTooManyListeners      = "TooManyListeners"
	codeTooManyLBs            = "TooManyLoadBalancers"
	codeTooManyTags           = "TooManyTags"
	codeTooManyTGs            = "TooManyTargetGroups"
	codeTooManyTargets        = "TooManyTargets"
	codeUnsupportedProtocol   = "UnsupportedProtocol"
	codeCertificateNotFound   = "CertificateNotFound"
)

func fail(code, format string, args ...any) *awsapi.Error {
	return awsapi.BadRequest(code, format, args...)
}

func invalidConfig(format string, args ...any) *awsapi.Error {
	return fail(codeInvalidConfiguration, format, args...)
}

func invalidTarget(format string, args ...any) *awsapi.Error {
	return fail(codeInvalidTarget, format, args...)
}

func errLBNotFound() *awsapi.Error {
	return fail(codeLBNotFound, "One or more load balancers not found")
}

func errTGNotFound() *awsapi.Error {
	return fail(codeTGNotFound, "One or more target groups not found")
}

func errListenerNotFound() *awsapi.Error {
	return fail(codeListenerNotFound, "One or more listeners not found")
}

// errConstraint is the validation error of a parameter outside its model
// constraint.
func errConstraint(value any, field, constraint string) *awsapi.Error {
	return awsapi.ValidationError("1 validation error detected: Value '%v' at '%s' failed to satisfy constraint: %s", value, field, constraint)
}

// AWS's default quotas (DescribeAccountLimits).
const (
	maxLoadBalancers     = 50
	maxListenersPerLB    = 50
	maxTargetGroups      = 3000
	maxTargetsPerGroup   = 1000
	maxTags              = 50
	maxDescribeTagsARNs  = 20
	maxPageSize          = 400
	maxAttributesPerCall = 20
)

// codeOf is the AWS error code of err, "" when it is not an AWS error.
func codeOf(err error) string {
	var ae *awsapi.Error
	if errors.As(err, &ae) {
		return ae.Code
	}
	return ""
}
