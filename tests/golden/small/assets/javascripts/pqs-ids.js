window.PQS_IDS={"outcomes":{"1.1":["K1","D2"],"1.2":[],"2.1":[]},"retired":{}};
