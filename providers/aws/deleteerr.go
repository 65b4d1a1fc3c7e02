package aws

import (
	"errors"
	"strings"

	"github.com/aws/smithy-go"
)

// awsError is the code and message of an AWS API error; ok is false for
// any other error.
func awsError(err error) (code, msg string, ok bool) {
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		return "", "", false
	}
	return ae.ErrorCode(), ae.ErrorMessage(), true
}

// isGone reports whether err says that the resource acted on does not
// exist: deleting it again has nothing left to do.
func isGone(err error) bool {
	code, msg, ok := awsError(err)
	switch {
	case !ok:
		return false
	case strings.HasSuffix(code, "NotFound"), strings.HasSuffix(code, "NotFoundException"):
		// InvalidVpcID.NotFound, LoadBalancerNotFound,
		// InvalidLaunchTemplateName.NotFoundException, …
		return true
	case code == "NoSuchEntity", code == "NoSuchHostedZone":
		return true
	case code == "ValidationError":
		// Auto Scaling: "AutoScalingGroup name not found - …".
		return strings.Contains(strings.ToLower(msg), "not found")
	}
	return false
}

// isPermanent reports whether err will not go away by retrying: the
// caller may not do this, or the resource is protected.
func isPermanent(err error) bool {
	code, _, ok := awsError(err)
	if !ok {
		return false
	}
	switch code {
	case "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedAccess", "AuthFailure",
		"InvalidClientTokenId", "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException", "OptInRequired",
		"OperationNotPermitted", "CannotDelete", "InvalidAction":
		return true
	}
	return false
}

// isDependency reports whether err refuses a deletion because something
// still uses the resource: AWS's eventual consistency or an order not
// yet reached, retried in the next round.
func isDependency(err error) bool {
	code, _, ok := awsError(err)
	if !ok {
		return false
	}
	switch code {
	case "DependencyViolation", "ResourceInUse", "VolumeInUse", "DeleteConflict", "HostedZoneNotEmpty",
		"ScalingActivityInProgress", "IncorrectState", "InvalidState", "PriorRequestNotComplete":
		return true
	}
	return strings.HasSuffix(code, ".InUse") // InvalidIPAddress.InUse, InvalidNetworkInterface.InUse
}
