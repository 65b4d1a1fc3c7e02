package ec2

import (
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// EC2 answers every client error with HTTP 400; the code tells them apart.

func invalidParameterValue(format string, args ...any) *awsapi.Error {
	return awsapi.BadRequest("InvalidParameterValue", format, args...)
}

func invalidParameterCombination(format string, args ...any) *awsapi.Error {
	return awsapi.BadRequest("InvalidParameterCombination", format, args...)
}

// missingParameter names the parameter the way EC2's messages do, with a
// lower-case first letter (cidrBlock, vpcId).
func missingParameter(name string) *awsapi.Error {
	return awsapi.BadRequest("MissingParameter", "The request must contain the parameter %s", lowerFirst(name))
}

// dependencyViolation is the answer to deleting what something depends on:
// "The vpc 'vpc-1' has dependencies and cannot be deleted."
func dependencyViolation(noun, id string) *awsapi.Error {
	return awsapi.BadRequest("DependencyViolation", "The %s '%s' has dependencies and cannot be deleted.", noun, id)
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// required returns a parameter or MissingParameter.
func required(p awsapi.Params, name string) (string, error) {
	v := p.Get(name)
	if v == "" {
		return "", missingParameter(name)
	}
	return v, nil
}

// boolParam reads an EC2 boolean (true/false), def when absent.
func boolParam(p awsapi.Params, name string, def bool) (bool, error) {
	switch v := p.Get(name); v {
	case "":
		return def, nil
	case "true":
		return true, nil
	case "false":
		return false, nil
	default:
		return false, invalidParameterValue("Value (%s) for parameter %s is invalid. Expected: 'true' or 'false'.", v, lowerFirst(name))
	}
}

// atoi parses a decimal integer that fits in 32 bits, as EC2's integers do.
func atoi(s string) (int, bool) {
	neg := strings.HasPrefix(s, "-")
	d := strings.TrimPrefix(s, "-")
	if d == "" || len(d) > 10 {
		return 0, false
	}
	n := 0
	for _, c := range d {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if n > 1<<31 {
		return 0, false
	}
	if neg {
		n = -n
	}
	return n, true
}
