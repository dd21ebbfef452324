// summary: n10s's graph configuration: types as labels, repeated values kept as lists, datatypes kept.
// param config: map - n10s.graphconfig.init parameters (handleMultival, keepCustomDataTypes, ...)
// returns: param, value
CALL n10s.graphconfig.init($config) YIELD param, value
RETURN param, value
