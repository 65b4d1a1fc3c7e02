package awsapi

import (
	"errors"
	"fmt"
	"net/http"
)

// Error is an AWS API error: a code clients switch on, a message, and the
// HTTP status the service answers with.
type Error struct {
	Code    string
	Message string
	Status  int
	// Sender is false for server-side faults (Type Receiver in query
	// envelopes).
	Receiver bool
	// Fields are extra elements S3 adds to its error document (BucketName,
	// Key, Condition, ...), written in order.
	Fields []Field
	// Header holds extra response headers, such as x-amz-delete-marker.
	Header http.Header
}

// Field is one extra element of an S3 error document.
type Field struct{ Name, Value string }

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// With returns a copy of e with an extra error-document field.
func (e *Error) With(name, value string) *Error {
	c := *e
	c.Fields = append(append([]Field(nil), e.Fields...), Field{name, value})
	return &c
}

// Errorf builds an Error with a formatted message.
func Errorf(status int, code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Status: status}
}

// BadRequest is a 400 error with the given code.
func BadRequest(code, format string, args ...any) *Error {
	return Errorf(http.StatusBadRequest, code, format, args...)
}

// NotFound is a 404 error with the given code.
func NotFound(code, format string, args ...any) *Error {
	return Errorf(http.StatusNotFound, code, format, args...)
}

// Conflict is a 409 error with the given code.
func Conflict(code, format string, args ...any) *Error {
	return Errorf(http.StatusConflict, code, format, args...)
}

// AsError turns any error into an AWS error; errors that are not AWS errors
// become InternalError (500), so a bug is reported in the protocol's shape
// instead of as a dropped connection.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: "InternalError", Message: "We encountered an internal error. Please try again. (" + err.Error() + ")", Status: http.StatusInternalServerError, Receiver: true}
}

// Common errors shared by several services.
var (
	ErrMissingAction = BadRequest("MissingAction", "Missing Action")
)

// InvalidAction is the query protocols' answer to an action they don't serve.
func InvalidAction(action string) *Error {
	return BadRequest("InvalidAction", "The action %s is not valid for this web service.", action)
}

// MissingParameter reports a required parameter that was not given.
func MissingParameter(name string) *Error {
	return BadRequest("MissingParameter", "The request must contain the parameter %s", name)
}

// ValidationError is the query protocols' generic invalid-input error.
func ValidationError(format string, args ...any) *Error {
	return BadRequest("ValidationError", format, args...)
}
