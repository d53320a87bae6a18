// random model file (seed 0, #6), written by experiments/maestro_reference/run_maestro.py --random-models 24 --seed 0
Network random_model_s0_06 {
	Layer L0 {
		Type: DSCONV
		Stride { X: 1, Y: 1 }
		Dimensions { K: 1, C: 32, R: 7, S: 1, Y: 19, X: 22 }
	}
	Layer L1 {
		Type: DSCONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 4, K: 1, C: 32, R: 7, S: 7, Y: 33, X: 9 }
	}
	Layer L2 {
		Type: NGCONV
		Stride { X: 2, Y: 2 }
		Dimensions { N: 3, G: 4, K: 4, C: 8, R: 1, S: 1, Y: 11, X: 29 }
	}
}
