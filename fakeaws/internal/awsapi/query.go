package awsapi

import (
	"errors"
	"io"
	"net/http"
	"net/url"
)

// ActionFunc handles one query-protocol action. It returns the action's
// result, encoded inside <ActionResult>, or nil for actions without output.
type ActionFunc func(r *Request, p Params) (any, error)

// QueryService serves a query-protocol (or ec2-protocol) service from a
// table of actions.
type QueryService struct {
	SigningName string
	Namespace   string // xmlns of responses
	Proto       Protocol
	Actions     map[string]ActionFunc
}

// Name implements Service.
func (s *QueryService) Name() string { return s.SigningName }

// Protocol implements Service.
func (s *QueryService) Protocol() Protocol { return s.Proto }

// HasAction implements ActionService.
func (s *QueryService) HasAction(name string) bool { _, ok := s.Actions[name]; return ok }

// ParseQuery reads the parameters of a query-protocol request: the URL's
// query string merged with a form-encoded body.
func ParseQuery(r *Request) (url.Values, error) {
	vals := url.Values{}
	for k, v := range r.HTTP.URL.Query() {
		vals[k] = v
	}
	if r.HTTP.Method == http.MethodPost && r.Body != nil {
		raw, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, AsBodyError(err)
		}
		form, err := url.ParseQuery(string(raw))
		if err != nil {
			return nil, BadRequest("MalformedQueryString", "The query string is malformed: %v", err)
		}
		for k, v := range form {
			vals[k] = append(vals[k], v...)
		}
	}
	return vals, nil
}

// Serve implements Service.
func (s *QueryService) Serve(w http.ResponseWriter, r *Request) {
	vals, err := ParseQuery(r)
	if err != nil {
		WriteError(w, r, s.Proto, err)
		return
	}
	action := vals.Get("Action")
	if action == "" {
		WriteError(w, r, s.Proto, ErrMissingAction)
		return
	}
	fn, ok := s.Actions[action]
	if !ok {
		WriteError(w, r, s.Proto, InvalidAction(action))
		return
	}
	result, err := fn(r, NewParams(vals))
	if err != nil {
		WriteError(w, r, s.Proto, err)
		return
	}
	if s.Proto == ProtocolEC2 {
		WriteEC2Result(w, r, s.Namespace, action, result)
		return
	}
	WriteQueryResult(w, r, s.Namespace, action, result)
}

// ErrBodyTooLarge is returned when a request body exceeds the server's limit.
var ErrBodyTooLarge = Errorf(http.StatusRequestEntityTooLarge, "RequestEntityTooLarge", "Request body is too large")

// AsBodyError maps an error from reading a request body to an AWS error.
func AsBodyError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return ErrBodyTooLarge
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return BadRequest("IncompleteBody", "The request body could not be read: %v", err)
}
