// random model file (seed 0, #5), written by experiments/maestro_reference/run_maestro.py --random-models 24 --seed 0
Network random_model_s0_05 {
	Layer L0 {
		Type: DSCONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 3, K: 1, C: 1, R: 3, S: 3, Y: 13, X: 13 }
	}
	Layer L1 {
		Type: TRCONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 1, K: 1, C: 16, R: 7, S: 7, Y: 33, X: 39 }
	}
	Layer L2 {
		Type: DSCONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 4, K: 1, C: 1, R: 5, S: 5, Y: 34, X: 10 }
	}
	Layer L3 {
		Type: CONV
		Stride { X: 2, Y: 2 }
		Dimensions { N: 4, K: 16, C: 8, R: 3, S: 3, Y: 21, X: 25 }
	}
}
