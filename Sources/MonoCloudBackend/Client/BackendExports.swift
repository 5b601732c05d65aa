// Claims are `JSONObject`s and the binding mode is JOSE's: users of the client get those
// types without a second import.
@_exported import MonoCloudJOSE
